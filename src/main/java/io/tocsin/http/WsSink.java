package io.tocsin.http;

import io.tocsin.stream.Frame;
import io.tocsin.stream.Sink;
import io.tocsin.stream.Transport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A WebSocket connection: one text message per event. On a plain connection the event's complete frame, made once,
 * goes straight to the socket ({@link RawChannel}); otherwise Vert.x frames the shared JSON bytes (through its
 * internal frame class, pinned by the Vert.x version in the pom: the public API only frames Strings).
 */
final class WsSink implements Sink {
    /** Close code for a subscriber cut off for falling behind (4000–4999 are for applications). */
    static final short SLOW_CONSUMER = 4008;
    private static final Buffer PING = Buffer.buffer("keep-alive");

    private final ServerWebSocket ws;
    /** Direct writes of pre-made frames on plain connections; null (Vert.x writes) otherwise. */
    private final RawChannel raw;
    private boolean closed;

    /**
     * @param channel the upgraded connection's channel (Vert.x Web wraps the WebSocket, so it is taken from the
     *                HTTP connection it was upgraded from), or null to let Vert.x write every frame
     */
    WsSink(ServerWebSocket ws, io.netty.channel.Channel channel) {
        this.ws = ws;
        this.raw = RawChannel.of(channel, SseSink.MAX_BUFFERED);
        ws.setWriteQueueMaxSize(SseSink.MAX_BUFFERED);
        ws.closeHandler(v -> closed = true);
    }

    @Override
    public Transport transport() {
        return Transport.WS;
    }

    @Override
    public void write(Frame frame) {
        if (closed) {
            return;
        }
        if (raw != null) {
            raw.write(frame);
        } else {
            ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT,
                    ((BufferInternal) frame.payload()).getByteBuf(), true));
        }
    }

    @Override
    public boolean congested() {
        return raw != null ? raw.congested() : ws.writeQueueFull();
    }

    @Override
    public void onDrained(Runnable then) {
        if (raw != null) {
            raw.onWritable(then);
            return;
        }
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
