package io.tocsin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.ssl.SslHandler;
import io.tocsin.stream.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Writes pre-framed bytes straight to a connection's socket, past Vert.x's and Netty's encoders. On the native
 * (epoll) transport, when nothing is queued for the socket, that is a single write(2) from the shared frame's
 * address: no buffer view, no outbound-queue entry, no promise — the same one system call per subscriber a
 * hand-written selector loop makes. Whatever the kernel does not take at once, and every write on other transports,
 * goes through Netty from the head of the pipeline, so ordering is kept. Only for plain-text connections (no TLS
 * handler), and only with bytes that are already a complete frame of the connection's protocol (an HTTP/1.1 chunk,
 * a WebSocket frame), so the stream stays well-formed between Vert.x's own writes.
 */
final class RawChannel {
    /** While congested, how often to look whether the socket has drained (only for subscribers being replayed). */
    private static final long DRAIN_POLL_MS = 5;

    private final Channel channel;
    private final ChannelHandlerContext head;
    /** The socket's descriptor on the native transport, else null. */
    private final FileDescriptor fd;

    private RawChannel(Channel channel, ChannelHandlerContext head, int bound) {
        this.channel = channel;
        this.head = head;
        this.fd = channel instanceof UnixChannel unix ? unix.fd() : null;
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

    /** Writes one frame: natively when the socket has nothing queued, else (and for any rest) through Netty. */
    void write(Frame frame) {
        if (!channel.isActive()) {
            return; // closed (perhaps by a failed write just now): its close handler unsubscribes it
        }
        int written = 0;
        if (fd != null && idleOnThisLoop()) {
            ByteBuffer bytes = frame.wireBytes();
            try {
                written = fd.write(bytes, 0, bytes.limit());
            } catch (IOException gone) {
                // Reset or closed by the peer: closing the channel runs the close handlers, which unsubscribe it.
                channel.close();
                return;
            }
            if (written == bytes.limit()) {
                return;
            }
        }
        ByteBuf rest = frame.wireView();
        head.writeAndFlush(written == 0 ? rest : rest.skipBytes(written), head.voidPromise());
    }

    /** True when a native write now cannot overtake bytes Netty still holds for this socket. */
    private boolean idleOnThisLoop() {
        if (!channel.eventLoop().inEventLoop()) {
            return false;
        }
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued != null && queued.totalPendingWriteBytes() == 0 && fd.isOpen();
    }
}
