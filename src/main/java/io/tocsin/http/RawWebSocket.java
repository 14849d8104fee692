package io.tocsin.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.tocsin.stream.Ending;
import io.tocsin.stream.Frame;
import io.tocsin.stream.Sink;
import io.tocsin.stream.Transport;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket subscriber on a socket Tocsin took over ({@link WebSocketUpgrade}): events go out as pre-made
 * frames through {@link RawChannel}; the client's pings are answered, its close is echoed, anything else it sends
 * is dropped (a subscription has nothing to say after its URL). Everything runs on the socket's event loop.
 */
final class RawWebSocket extends ChannelInboundHandlerAdapter implements Sink {
    /** Close code for a subscriber cut off for falling behind (4000–4999 are for applications). */
    private static final int CLOSE_SLOW_CONSUMER = 4008;
    /** RFC 6455 §7.4.1: the server is going away. */
    private static final int CLOSE_GOING_AWAY = 1001;
    /** RFC 6455 §7.4.1: the server hit an unexpected condition. */
    private static final int CLOSE_SERVER_ERROR = 1011;
    private static final byte[] PING = "keep-alive".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private RawChannel raw;
    private ChannelHandlerContext ctx;
    private Runnable onClose;
    private boolean closed;

    RawWebSocket(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.raw = RawChannel.of(channel, MAX_OUTBOUND_BYTES);
    }

    @Override
    public Transport transport() {
        return Transport.WS;
    }

    @Override
    public void write(Frame frame) {
        if (!closed) {
            raw.write(frame);
        }
    }

    @Override
    public boolean congested() {
        return raw.congested();
    }

    @Override
    public void onDrained(Runnable then) {
        raw.onWritable(then);
    }

    @Override
    public void keepAlive() {
        if (!closed) {
            ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PING)), ctx.voidPromise());
        }
    }

    @Override
    public void close(Ending why, String detail) {
        if (!closed) {
            closed = true;
            // A close reason is limited to 123 bytes by RFC 6455.
            String reason = detail.length() > 120 ? detail.substring(0, 120) : detail;
            int code = switch (why) {
                case SLOW_CONSUMER -> CLOSE_SLOW_CONSUMER;
                case SHUTDOWN -> CLOSE_GOING_AWAY;
                case SERVER_ERROR -> CLOSE_SERVER_ERROR;
            };
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            // The close frame waits behind whatever is queued; a client that never reads it is dropped anyway.
            ctx.executor().schedule((Runnable) ctx::close, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void onClose(Runnable then) {
        if (!channel.isActive()) {
            closed = true;
            then.run();
        } else {
            onClose = then;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof PingWebSocketFrame ping && !closed) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
            } else if (msg instanceof CloseWebSocketFrame close) {
                // Echo the client's close (RFC 6455 §5.5.1), then let the socket go.
                boolean echo = !closed;
                closed = true;
                if (echo) {
                    int code = close.statusCode() > 0 ? close.statusCode() : 1000;
                    ctx.writeAndFlush(new CloseWebSocketFrame(code, "")).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (onClose != null) {
            Runnable r = onClose;
            onClose = null;
            r.run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // On a protocol violation the decoder has already queued its close frame (1002/1009) and closes after it;
        // anything else (a reset, an I/O error) ends the socket here.
        if (!(cause instanceof CorruptedWebSocketFrameException)) {
            ctx.close();
        }
    }
}
