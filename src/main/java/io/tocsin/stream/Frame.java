package io.tocsin.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;

/**
 * One event's bytes for one transport, made once and shared by every subscriber: {@link #payload()} is what the
 * transport carries (the SSE block, the WebSocket message; written through Vert.x where the socket cannot take
 * pre-framed bytes, i.e. SSE over HTTP/2), {@link #wireBytes()} / {@link #wireView()} the same already framed for
 * the connection (an HTTP/1.1 chunk, a WebSocket frame) in direct memory, so a sink can hand it to the socket
 * without re-encoding or copying it per subscriber.
 */
public final class Frame {
    private final Buffer payload;
    private final ByteBuf wire;
    private final ByteBuffer direct;

    Frame(Buffer payload, byte[] framed) {
        this.payload = payload;
        ByteBuffer direct = ByteBuffer.allocateDirect(framed.length);
        direct.put(framed).flip();
        this.direct = direct.asReadOnlyBuffer();
        // Unreleasable: many channels write views of it; the GC frees the direct memory once the event is gone.
        this.wire = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    }

    public Buffer payload() {
        return payload;
    }

    /**
     * The framed bytes in direct memory, for a native write straight from their address; shared, so callers must
     * not move its position.
     */
    public ByteBuffer wireBytes() {
        return direct;
    }

    /** A view of the framed bytes for one write (each channel consumes its own reader index). */
    public ByteBuf wireView() {
        return wire.duplicate();
    }
}
