package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tocsin.server.ServerConfig;
import io.vertx.core.http.HttpServerOptions;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Counts every connection the moment it is accepted and refuses those past the caps, before Vert.x spends anything
 * on them: it sits on the listening socket's pipeline, ahead of Netty's acceptor, and sees each new connection there.
 * <ul>
 *   <li>past {@code perAddress} connections from one address (trusted proxies exempt): closed at once;</li>
 *   <li>past {@code max + reserve} in all: closed at once;</li>
 *   <li>past {@code max}: accepted into the reserve, where only /health, /ready and requests with a token are
 *       served, one request per connection, the rest answered 503 {@code server-busy} (see {@link ConnectionGuard}).</li>
 * </ul>
 * Because {@code max + reserve} stays below the descriptor limit, accepting never fails for want of a descriptor, so
 * an operator's write and a health check always get in. Every other connection gets a {@link ConnectionGuard}.
 */
@ChannelHandler.Sharable
public final class ConnectionCaps extends ChannelInboundHandlerAdapter {
    static final String NAME = "tocsinConnectionCaps";
    private static final Logger LOG = Logger.getLogger(ConnectionCaps.class.getName());

    private final ServerConfig.Connections limits;
    private final TrustedProxies trusted;
    private final ConnectionGuard.Clock clock;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Counter refusedPerAddress;
    private final Counter refusedTotal;
    private final AtomicBoolean installed = new AtomicBoolean();

    public ConnectionCaps(ServerConfig.Connections limits, TrustedProxies trusted, HttpServerOptions options,
                          MeterRegistry metrics) {
        this.limits = limits;
        this.trusted = trusted;
        this.clock = new ConnectionGuard.Clock(limits.headerTimeoutSeconds(), limits.idleTimeoutSeconds(), options,
                metrics);
        this.refusedPerAddress = refused(metrics, "per_address");
        this.refusedTotal = refused(metrics, "total");
        Gauge.builder("tocsin_connections_open", open, AtomicInteger::get)
                .description("Open TCP connections of every kind (plain HTTP and streams)").register(metrics);
        // Streams are counted by transport in tocsin_subscribers; this is the rest, which the caps also cover.
        Gauge.builder("tocsin_http_connections_open", this, c -> Math.max(0, c.open.get() - c.clock.streaming.get()))
                .description("Open connections that carry no stream: plain HTTP requests, or idle between them")
                .strongReference(true).register(metrics);
    }

    static Counter refused(MeterRegistry metrics, String reason) {
        return Counter.builder("tocsin_connections_refused").tags(List.of(Tag.of("reason", reason)))
                .description("Connections refused by the connection caps, by reason (per_address and total: "
                        + "closed at accept; reserve_only: answered 503 server-busy)")
                .register(metrics);
    }

    /**
     * Puts the caps on the listening socket that accepted {@code connection} (every HTTP server on the port shares
     * that one socket); once, whichever connection comes first.
     */
    public void installOn(Channel connection) {
        Channel listener = connection.parent();
        if (listener != null && installed.compareAndSet(false, true)) {
            listener.pipeline().addFirst(NAME, this);
            LOG.fine(() -> "connection caps on " + listener.localAddress() + ": " + limits);
        }
    }

    public boolean installed() {
        return installed.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Channel child)) {
            ctx.fireChannelRead(msg);
            return;
        }
        InetAddress peer = child.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        boolean countPerAddress = peer != null && !trusted.contains(peer);
        if (countPerAddress) {
            if (perAddress.merge(peer, 1, Integer::sum) > limits.perAddress()) {
                release(peer);
                refuse(child, refusedPerAddress);
                return;
            }
        }
        int total = open.incrementAndGet();
        if (total > limits.max() + limits.reserve()) {
            open.decrementAndGet();
            if (countPerAddress) {
                release(peer);
            }
            refuse(child, refusedTotal);
            return;
        }
        child.closeFuture().addListener(f -> {
            open.decrementAndGet();
            if (countPerAddress) {
                release(peer);
            }
        });
        child.pipeline().addFirst(ConnectionGuard.NAME, new ConnectionGuard(clock, total > limits.max()));
        ctx.fireChannelRead(child);
    }

    private void release(InetAddress peer) {
        perAddress.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Not yet registered with an event loop, so nothing can be written to it: it is closed (the client sees a reset). */
    private static void refuse(Channel child, Counter reason) {
        reason.increment();
        child.unsafe().closeForcibly();
    }
}
