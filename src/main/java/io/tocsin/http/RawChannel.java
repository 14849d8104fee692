package io.tocsin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;

import java.util.concurrent.TimeUnit;

/**
 * Writes pre-framed bytes straight to a connection's socket, past Vert.x's and Netty's encoders: one shared
 * buffer view and one flush per subscriber, nothing re-encoded or copied. Only for plain-text connections (no TLS
 * handler in the pipeline), and only with bytes that are already a complete frame of the connection's protocol
 * (an HTTP/1.1 chunk, a WebSocket frame), so the stream stays well-formed between Vert.x's own writes.
 */
final class RawChannel {
    /** While congested, how often to look whether the socket has drained (only for subscribers being replayed). */
    private static final long DRAIN_POLL_MS = 5;

    private final Channel channel;
    private final ChannelHandlerContext head;

    private RawChannel(Channel channel, ChannelHandlerContext head, int bound) {
        this.channel = channel;
        this.head = head;
        // The bound on what may wait in user space for this socket: past it the subscriber counts as congested.
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(bound / 2, bound));
    }

    /**
     * A raw writer for the channel whose outbound buffer is bounded by {@code bound} bytes, or null when it must not
     * be bypassed (TLS) or cannot be reached.
     */
    static RawChannel of(Channel channel, int bound) {
        if (channel == null || channel.pipeline().get(SslHandler.class) != null) {
            return null;
        }
        ChannelHandlerContext first = channel.pipeline().firstContext();
        return first == null ? null : new RawChannel(channel, first, bound);
    }

    boolean congested() {
        return !channel.isWritable();
    }

    /** Runs {@code then} on the channel's loop once it is writable again. */
    void onWritable(Runnable then) {
        if (channel.isWritable() || !channel.isActive()) {
            then.run();
        } else {
            channel.eventLoop().schedule(() -> onWritable(then), DRAIN_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes from the first handler toward the socket, so no handler re-encodes the bytes. */
    void write(ByteBuf framed) {
        head.writeAndFlush(framed, head.voidPromise());
    }
}
