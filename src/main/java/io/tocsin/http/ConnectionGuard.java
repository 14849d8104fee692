package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.tocsin.domain.Problem;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xOrH2CHandler;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clock on one connection, first in its pipeline: a request's headers must be complete within the header
 * timeout of its first byte, its body within the same time after that, and a connection with no request in flight
 * is closed after the idle timeout. Streams (SSE, WebSocket) are exempt: {@link #exempt} takes the guard out once a
 * connection is a stream, whose keep-alives then keep it open. Lives on the connection's event loop.
 *
 * <p>A connection accepted into the reserve (past the connection cap, see {@link ConnectionCaps}) serves one request
 * and only if it is /health, /ready or carries a token; anything else there gets 503.
 */
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "tocsinGuard";

    /** The timeouts and the counters of the connections they closed, shared by every connection. */
    public static final class Clock {
        final long headerNanos;
        final long idleNanos;
        final Counter headerTimeouts;
        final Counter idleTimeouts;
        final Counter bodyTimeouts;
        final Counter reserveRefusals;
        /** Open connections that carry a stream (counted once each, however many streams HTTP/2 multiplexes). */
        final AtomicInteger streaming = new AtomicInteger();

        final HttpServerOptions options;

        public Clock(int headerTimeoutSeconds, int idleTimeoutSeconds, HttpServerOptions options, MeterRegistry metrics) {
            this.options = options;
            this.headerNanos = TimeUnit.SECONDS.toNanos(headerTimeoutSeconds);
            this.idleNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
            this.headerTimeouts = closed(metrics, "header_timeout");
            this.idleTimeouts = closed(metrics, "idle_timeout");
            this.bodyTimeouts = closed(metrics, "body_timeout");
            this.reserveRefusals = ConnectionCaps.refused(metrics, "reserve_only");
        }

        private static Counter closed(MeterRegistry metrics, String reason) {
            return Counter.builder("tocsin_connections_closed").tag("reason", reason)
                    .description("Connections the server closed because a request timeout ran out, by reason")
                    .register(metrics);
        }
    }

    private enum Phase { IDLE, HEADERS, BUSY }

    private final Clock clock;
    private final boolean reserve;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.IDLE;
    private int inFlight;
    private boolean exempt;
    private ScheduledFuture<?> timer;
    /**
     * Each request's body clock (several at once on HTTP/2), cancelled when its response ends: left to fire, it held
     * the request, its routing context and headers for the whole header timeout.
     */
    private final java.util.Map<HttpServerRequest, ScheduledFuture<?>> bodyTimers = new java.util.IdentityHashMap<>();
    /** Whether the connection's protocol is known and its decoder the strict one (see {@link #firstBytes}). */
    private boolean settled;

    ConnectionGuard(Clock clock, boolean reserve) {
        this.clock = clock;
        this.reserve = reserve;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(clock.idleNanos, this::idleTimeout);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // The first byte after a quiet spell starts a request; HTTP/2 frames (pings, window updates) do not.
        if (phase == Phase.IDLE && inFlight == 0 && !http2()) {
            phase = Phase.HEADERS;
            arm(clock.headerNanos, this::headerTimeout);
        }
        if (!settled && msg instanceof ByteBuf bytes) {
            firstBytes(ctx, bytes);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Puts the strict HTTP/1.x decoder in place of Vert.x's before it has decoded anything. Vert.x decides between
     * HTTP/1.x and HTTP/2 (h2c with prior knowledge) from the first bytes and only then adds its decoder; the bytes
     * are therefore handed on one at a time until it has decided (a few bytes: "GET" differs from the HTTP/2 preface
     * at the first), then its decoder, which holds a request line's first bytes undecoded, is replaced: Netty hands
     * what it held to the new decoder, and the rest of the bytes follow.
     */
    private void firstBytes(ChannelHandlerContext ctx, ByteBuf bytes) {
        ChannelPipeline p = ctx.pipeline();
        while (bytes.isReadable() && p.get(Http1xOrH2CHandler.class) != null) {
            ctx.fireChannelRead(bytes.readRetainedSlice(1));
        }
        if (p.get(Http1xOrH2CHandler.class) != null) {
            bytes.release(); // still undecided: every byte was handed on
            return;
        }
        settled = true;
        if (p.get(StrictRequestDecoder.NAME) instanceof VertxHttpRequestDecoder d && !(d instanceof StrictRequestDecoder)) {
            p.replace(StrictRequestDecoder.NAME, StrictRequestDecoder.NAME, new StrictRequestDecoder(clock.options));
        }
        if (bytes.isReadable()) {
            ctx.fireChannelRead(bytes);
        } else {
            bytes.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
        bodyTimers.values().forEach(t -> t.cancel(false));
        bodyTimers.clear();
    }

    /** Vert.x has the request's headers: the header clock stops, the body's starts. */
    void requestBegan(HttpServerRequest req) {
        inFlight++;
        phase = Phase.BUSY;
        disarm();
        if (!req.isEnded()) {
            bodyTimers.put(req, ctx.executor().schedule(() -> {
                bodyTimers.remove(req);
                if (!req.isEnded() && !exempt && ctx.channel().isActive()) {
                    clock.bodyTimeouts.increment();
                    ctx.channel().close();
                }
            }, clock.headerNanos, TimeUnit.NANOSECONDS));
        }
    }

    /** The response is over (or the request was reset): with nothing else in flight, the idle clock starts. */
    void requestEnded(HttpServerRequest req) {
        ScheduledFuture<?> body = bodyTimers.remove(req);
        if (body != null) {
            body.cancel(false);
        }
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && !exempt && ctx.channel().isActive()) {
            phase = Phase.IDLE;
            arm(clock.idleNanos, this::idleTimeout);
        }
    }

    boolean reserve() {
        return reserve;
    }

    void refusedInReserve() {
        clock.reserveRefusals.increment();
    }

    private boolean http2() {
        return ctx.pipeline().get(Http2ConnectionHandler.class) != null;
    }

    private void headerTimeout() {
        clock.headerTimeouts.increment();
        // No request has started, so nothing else is being written: a whole response can go straight out.
        if (!http2()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Problems.closingResponse(Problem.REQUEST_TIMEOUT,
                    "the request headers did not arrive within the header timeout")))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().close();
        }
    }

    private void idleTimeout() {
        clock.idleTimeouts.increment();
        ctx.channel().close();
    }

    private void arm(long nanos, Runnable onTimeout) {
        disarm();
        if (!exempt) {
            timer = ctx.executor().schedule(onTimeout, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The guard of the connection carrying {@code req}, or null (a connection accepted before the caps were armed). */
    static ConnectionGuard of(HttpServerRequest req) {
        Channel ch = channel(req);
        return ch == null ? null : (ConnectionGuard) ch.pipeline().get(NAME);
    }

    /**
     * The connection now carries a stream: no timeout applies to it any more (the stream's keep-alives and its
     * cut-off for slow consumers look after it), and the guard leaves its pipeline.
     */
    static void exempt(HttpServerRequest req) {
        Channel ch = channel(req);
        if (ch != null && ch.pipeline().get(NAME) instanceof ConnectionGuard g) {
            g.exempt = true;
            g.disarm();
            ch.pipeline().remove(g);
            g.clock.streaming.incrementAndGet();
            ch.closeFuture().addListener(f -> g.clock.streaming.decrementAndGet());
        }
    }

    private static Channel channel(HttpServerRequest req) {
        return req.connection() instanceof ConnectionBase base ? base.channel() : null;
    }
}
