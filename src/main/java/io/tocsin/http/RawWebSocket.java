package io.tocsin.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
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
 *
 * <p>Nothing the server writes here grows without bound, whatever the client does: while the socket is not
 * writable the server stops reading (so a client that sends without reading is held back by TCP itself) and
 * keeps only the latest unanswered ping (RFC 6455 §5.5.3 allows answering just that one), answered once the
 * socket drains; keep-alives are skipped. A client that sends more frames than {@link InboundBudget} allows, or a
 * fragmented message over {@link #MAX_INBOUND_MESSAGE}, is closed (1008 / 1009) and counted.
 */
final class RawWebSocket extends ChannelInboundHandlerAdapter implements Sink {
    /** Close code for a subscriber cut off for falling behind (4000–4999 are for applications). */
    static final int CLOSE_SLOW_CONSUMER = 4008;
    /** Close code for a resume point beyond the log's head: reload, then reconnect with after=head. */
    static final int CLOSE_AHEAD_OF_LOG = 4009;
    /** RFC 6455 §7.4.1: the server is going away. */
    private static final int CLOSE_GOING_AWAY = 1001;
    /** RFC 6455 §7.4.1: the client broke the server's policy (here: it sent more frames than a subscriber does). */
    static final int CLOSE_POLICY_VIOLATION = 1008;
    /** RFC 6455 §7.4.1: a message too big to process. */
    static final int CLOSE_TOO_BIG = 1009;
    /** RFC 6455 §7.4.1: the server hit an unexpected condition. */
    private static final int CLOSE_SERVER_ERROR = 1011;
    /** The largest message a client may send in fragments: as much as in one frame ({@link WebSocketUpgrade}). */
    static final int MAX_INBOUND_MESSAGE = WebSocketUpgrade.MAX_INBOUND_FRAME;
    /**
     * How long a client closed for breaking the rules may take to read the close frame: it is told why if it is
     * reading, and a flooder that is not reading does not hold the socket for the normal grace period.
     */
    private static final long VIOLATION_GRACE_SECONDS = 2;
    private static final byte[] PING = "keep-alive".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final StreamGuards guards;
    private final InboundBudget budget;
    private RawChannel raw;
    private ChannelHandlerContext ctx;
    private Runnable onClose;
    private boolean closed;
    /** The latest ping that came while the socket could not take its pong; answered once it can. */
    private ByteBuf unansweredPing;
    /** Bytes of the fragmented message the client is sending, -1 when none is under way. */
    private long fragmented = -1;
    private ScheduledFuture<?> forcedClose;

    RawWebSocket(Channel channel, StreamGuards guards) {
        this.channel = channel;
        this.guards = guards;
        this.budget = new InboundBudget(System.nanoTime());
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
        // With bytes still queued the connection is not idle: a ping would only add to what the client is not reading.
        if (!closed && channel.isWritable()) {
            ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PING)), ctx.voidPromise());
        }
    }

    @Override
    public void close(Ending why, String detail) {
        int code = switch (why) {
            case SLOW_CONSUMER -> CLOSE_SLOW_CONSUMER;
            case SHUTDOWN -> CLOSE_GOING_AWAY;
            case SERVER_ERROR -> CLOSE_SERVER_ERROR;
            case AHEAD_OF_LOG -> CLOSE_AHEAD_OF_LOG;
        };
        // The close frame waits behind whatever is queued; a client that never reads it is dropped anyway.
        sendClose(code, detail);
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
            if (msg instanceof CloseWebSocketFrame close) {
                onCloseFrame(close);
            } else if (closed) {
                return; // after the server's close frame nothing is answered
            } else if (!budget.take(System.nanoTime())) {
                guards.floodClosed();
                violation(CLOSE_POLICY_VIOLATION, "flood: more than " + InboundBudget.BURST + " frames at once or "
                        + InboundBudget.PER_SECOND + " a second");
            } else if (msg instanceof PingWebSocketFrame ping) {
                answer(ping);
            } else if (msg instanceof WebSocketFrame frame && !(msg instanceof PongWebSocketFrame)) {
                countFragments(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onCloseFrame(CloseWebSocketFrame close) {
        // Echo the client's close (RFC 6455 §5.5.1), then let the socket go.
        if (closed) {
            ctx.close();
            return;
        }
        int code = close.statusCode() > 0 ? close.statusCode() : 1000;
        sendClose(code, "");
    }

    /** A pong now if the socket can take it, else later for the latest ping only, reading nothing meanwhile. */
    private void answer(PingWebSocketFrame ping) {
        if (channel.isWritable()) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
            return;
        }
        if (unansweredPing != null) {
            unansweredPing.release();
        }
        unansweredPing = ping.content().retain();
        channel.config().setAutoRead(false);
    }

    /** Text and binary messages are dropped; a fragmented one is only measured, so its size can be bounded. */
    private void countFragments(WebSocketFrame frame) {
        if (frame instanceof ContinuationWebSocketFrame) {
            fragmented += frame.content().readableBytes();
        } else {
            fragmented = frame.content().readableBytes();
        }
        if (fragmented > MAX_INBOUND_MESSAGE) {
            guards.oversizeClosed();
            violation(CLOSE_TOO_BIG, "a message may not exceed " + MAX_INBOUND_MESSAGE + " bytes");
        } else if (frame.isFinalFragment()) {
            fragmented = -1;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!closed) {
            // Stop reading while the client is not taking what it is sent: what it sends meanwhile waits in TCP.
            boolean writable = channel.isWritable();
            if (writable && unansweredPing != null) {
                ByteBuf ping = unansweredPing;
                unansweredPing = null;
                ctx.writeAndFlush(new PongWebSocketFrame(ping), ctx.voidPromise());
            }
            channel.config().setAutoRead(writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Closes a client that broke the rules: reading stops at once; the close frame is followed by a FIN rather than
     * a close, because closing a socket with the flood still unread sends a reset that can overtake the close frame;
     * the socket goes after the grace.
     */
    private void violation(int code, String reason) {
        channel.config().setAutoRead(false);
        closed = true;
        dropUnansweredPing();
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(sent -> {
            if (channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        forcedClose = ctx.executor().schedule((Runnable) ctx::close, VIOLATION_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** One close frame (never more than one per connection), then the socket goes once sent or after the grace. */
    private void sendClose(int code, String detail) {
        if (closed) {
            return;
        }
        closed = true;
        dropUnansweredPing();
        // A close reason is limited to 123 bytes by RFC 6455.
        String reason = detail.length() > 120 ? detail.substring(0, 120) : detail;
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        forcedClose = ctx.executor().schedule((Runnable) ctx::close, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    private void dropUnansweredPing() {
        if (unansweredPing != null) {
            unansweredPing.release();
            unansweredPing = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        dropUnansweredPing();
        if (forcedClose != null) {
            forcedClose.cancel(false);
        }
        if (onClose != null) {
            Runnable r = onClose;
            onClose = null;
            r.run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            if (corrupt.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
                guards.oversizeClosed();
            }
            // The decoder has already queued its close frame (1002/1009) and closes once it is sent; a client
            // that does not read it is dropped after the grace, instead of holding the socket.
            if (!closed) {
                closed = true;
                dropUnansweredPing();
                channel.config().setAutoRead(false);
                forcedClose = ctx.executor().schedule((Runnable) ctx::close, VIOLATION_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } else {
            // Anything else (a reset, an I/O error) ends the socket here.
            ctx.close();
        }
    }
}
