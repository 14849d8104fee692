package io.tocsin.http;

import io.tocsin.stream.Sink;
import io.tocsin.stream.Transport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A WebSocket connection: one text message per event. The JSON bytes are shared by every subscriber; Vert.x's
 * public API only makes text frames from Strings (a re-encode per subscriber), so the frame is built on the
 * shared buffer with the internal frame class, pinned by the Vert.x version in the pom.
 */
final class WsSink implements Sink {
    /** Close code for a subscriber cut off for falling behind (4000–4999 are for applications). */
    static final short SLOW_CONSUMER = 4008;
    private static final Buffer PING = Buffer.buffer("keep-alive");

    private final ServerWebSocket ws;
    private boolean closed;

    WsSink(ServerWebSocket ws) {
        this.ws = ws;
        ws.setWriteQueueMaxSize(SseSink.MAX_BUFFERED);
        ws.closeHandler(v -> closed = true);
    }

    @Override
    public Transport transport() {
        return Transport.WS;
    }

    @Override
    public void write(Buffer frame) {
        if (!closed) {
            ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) frame).getByteBuf(), true));
        }
    }

    @Override
    public boolean congested() {
        return ws.writeQueueFull();
    }

    @Override
    public void onDrained(Runnable then) {
        ws.drainHandler(v -> {
            ws.drainHandler(null);
            then.run();
        });
    }

    @Override
    public void keepAlive() {
        if (!closed) {
            ws.writePing(PING);
        }
    }

    @Override
    public void close(String reason) {
        if (!closed) {
            closed = true;
            // A close reason is limited to 123 bytes by RFC 6455.
            String r = reason.length() > 120 ? reason.substring(0, 120) : reason;
            ws.close(reason.startsWith("slow consumer") ? SLOW_CONSUMER : (short) 1011, r);
        }
    }

    @Override
    public void onClose(Runnable then) {
        ws.closeHandler(v -> {
            closed = true;
            then.run();
        });
    }
}
