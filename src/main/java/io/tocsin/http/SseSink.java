package io.tocsin.http;

import io.tocsin.stream.Ending;
import io.tocsin.stream.Frame;
import io.tocsin.stream.Sink;
import io.tocsin.stream.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.concurrent.TimeUnit;

/** A Server-Sent Events connection. */
final class SseSink implements Sink {
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    private final HttpServerResponse res;
    private final HttpConnection connection;
    private final boolean http11;
    /** Direct writes of pre-made chunks on plain HTTP/1.1; null (Vert.x writes) otherwise. */
    private final RawChannel raw;

    SseSink(HttpServerResponse res, HttpConnection connection, boolean http11) {
        this.res = res;
        this.http11 = http11;
        this.connection = connection;
        this.raw = http11 && connection instanceof ConnectionBase base ? RawChannel.of(base.channel(), MAX_OUTBOUND_BYTES) : null;
        res.setWriteQueueMaxSize(MAX_OUTBOUND_BYTES);
    }

    @Override
    public Transport transport() {
        return Transport.SSE;
    }

    @Override
    public void write(Frame frame) {
        if (raw != null) {
            raw.write(frame);
        } else {
            res.write(frame.payload());
        }
    }

    @Override
    public boolean congested() {
        return raw != null ? raw.congested() : res.writeQueueFull();
    }

    @Override
    public void onDrained(Runnable then) {
        if (raw != null) {
            raw.onWritable(then);
            return;
        }
        res.drainHandler(v -> {
            res.drainHandler(null);
            then.run();
        });
    }

    @Override
    public void keepAlive() {
        // With bytes still queued the stream is not idle: a keep-alive would only add to what the client is not
        // reading (a subscriber that stays behind is cut off by the next event).
        if (!congested()) {
            res.write(KEEP_ALIVE);
        }
    }

    @Override
    public boolean resetTo(long head, long requested) {
        // The id: line moves the client's Last-Event-ID to the head, so a reconnect resumes from there, not from the
        // seq of another history; the stream then goes on live from the head.
        res.write(Buffer.buffer("id: " + head + "\nevent: reset\ndata: {\"head\":" + head + ",\"requested\":"
                + requested + "}\n\n"));
        return true;
    }

    @Override
    public void close(Ending why, String detail) {
        if (!res.ended()) {
            // End the stream and drop the connection: a cut-off client must reconnect (and resume), not idle on it;
            // one that does not even read the end is dropped after the grace period.
            // On HTTP/2 only this stream ends (reset if it never drains): the connection carries other requests.
            Runnable drop = http11 ? connection::close : () -> {
                if (!res.closed()) {
                    res.reset();
                }
            };
            res.end(Buffer.buffer(": " + detail.replace('\n', ' ') + "\n\n")).onComplete(v -> {
                if (http11) {
                    drop.run();
                }
            });
            Vertx.currentContext().owner().setTimer(TimeUnit.SECONDS.toMillis(CLOSE_GRACE_SECONDS), t -> drop.run());
        }
    }

    @Override
    public void onClose(Runnable then) {
        res.closeHandler(v -> then.run());
        res.endHandler(v -> then.run());
    }
}
