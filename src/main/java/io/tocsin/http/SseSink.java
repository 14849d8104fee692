package io.tocsin.http;

import io.tocsin.stream.Sink;
import io.tocsin.stream.Transport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;

/** A Server-Sent Events connection. */
final class SseSink implements Sink {
    /** Outbound bytes a subscriber may fall behind by before it is cut off (about 200 alerts). */
    static final int MAX_BUFFERED = 256 * 1024;
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    private final HttpServerResponse res;
    private final HttpConnection connection;

    SseSink(HttpServerResponse res, HttpConnection connection) {
        this.res = res;
        this.connection = connection;
        res.setWriteQueueMaxSize(MAX_BUFFERED);
    }

    @Override
    public Transport transport() {
        return Transport.SSE;
    }

    @Override
    public void write(Buffer frame) {
        res.write(frame);
    }

    @Override
    public boolean congested() {
        return res.writeQueueFull();
    }

    @Override
    public void onDrained(Runnable then) {
        res.drainHandler(v -> {
            res.drainHandler(null);
            then.run();
        });
    }

    @Override
    public void keepAlive() {
        res.write(KEEP_ALIVE);
    }

    @Override
    public void close(String reason) {
        if (!res.ended()) {
            // End the stream and drop the connection: a cut-off client must reconnect (and resume), not idle on it.
            res.end(Buffer.buffer(": " + reason.replace('\n', ' ') + "\n\n")).onComplete(v -> connection.close());
        }
    }

    @Override
    public void onClose(Runnable then) {
        res.closeHandler(v -> then.run());
        res.endHandler(v -> then.run());
    }
}
