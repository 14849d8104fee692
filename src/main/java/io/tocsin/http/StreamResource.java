package io.tocsin.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.stream.Hub;
import io.tocsin.stream.StreamFilter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Consumer;

/**
 * GET /api/v1/stream (Server-Sent Events) and GET /api/v1/ws (WebSocket): two thin transports over the hub's one
 * subscribe pipeline, with the same filters, resume and event shape. Anonymous subscribers (the usual case) are
 * subscribed at once; a subscriber that sends {@code Authorization: Bearer} is authenticated first (a bad token is
 * a 401, never a silent downgrade) and, if it is an operator or admin, also gets the {@code review.requested}
 * events it is a reviewer of.
 */
final class StreamResource {
    private final Vertx vertx;
    private final Hub hub;
    private final RegionTree tree;
    private final PointLocator locator;
    private final StreamGuards guards;
    private final Auth auth;

    StreamResource(Vertx vertx, Hub hub, RegionTree tree, PointLocator locator, MeterRegistry metrics, Auth auth) {
        this.vertx = vertx;
        this.hub = hub;
        this.tree = tree;
        this.locator = locator;
        this.guards = new StreamGuards(metrics);
        this.auth = auth;
    }

    /** The stream routes: long-lived, so request metrics count them but do not time them. */
    static final java.util.Set<String> ROUTES = java.util.Set.of("/api/v1/stream", "/api/v1/ws");

    void mount(Router r) {
        r.get("/api/v1/stream").handler(this::sse);
        r.get("/api/v1/ws").handler(this::ws);
    }

    /** Runs {@code open} with the request's filter, seen by its token's actor when it presented one. */
    private void withViewer(RoutingContext ctx, StreamRequest req, Consumer<StreamFilter> open) {
        Auth.Credentials c = Auth.credentials(ctx);
        if (c.bearer() == null && ctx.request().getHeader("Authorization") == null) {
            open.accept(req.filter());
            return;
        }
        // The token store may block on a cache miss: look it up off the loop, subscribe back on it.
        Blocking.run(vertx, ctx, () -> auth.require(c), viewer -> open.accept(req.filter().seenBy(viewer)));
    }

    private void ws(RoutingContext ctx) {
        // Filters and the handshake are checked before the upgrade, so a bad request gets a problem+json answer.
        StreamRequest req = StreamRequest.parse(ctx, tree, locator);
        String accept = WebSocketUpgrade.accept(ctx.request());
        Channel channel = WebSocketUpgrade.channelOf(ctx.request());
        if (channel == null) {
            throw new DomainException(Problem.BAD_HANDSHAKE, "a WebSocket needs a plain HTTP/1.1 connection here "
                    + "(TLS ends at the proxy in front of Tocsin)");
        }
        withViewer(ctx, req, filter -> {
            ConnectionGuard.exempt(ctx.request()); // a stream: its keep-alives, not the request timeouts, govern it
            // Switch once Vert.x is done with this request, still on the socket's own loop and context.
            Vertx.currentContext().runOnContext(v -> {
                if (channel.isActive()) {
                    RawWebSocket socket = new RawWebSocket(channel, guards);
                    if (WebSocketUpgrade.switchProtocols(channel, accept, socket)) {
                        RequestMetrics.switchedProtocols(ctx);
                        hub.subscribe(socket, filter, req.afterSeq());
                    }
                }
            });
        });
    }

    private void sse(RoutingContext ctx) {
        StreamRequest req = StreamRequest.parse(ctx, tree, locator);
        withViewer(ctx, req, filter -> {
            ConnectionGuard.exempt(ctx.request()); // a stream: its keep-alives, not the request timeouts, govern it
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            // The retry hint and an opening comment flush the headers so clients know the stream is open.
            res.write(Buffer.buffer("retry: 2000\n: open\n\n"));
            hub.subscribe(new SseSink(res, ctx.request().connection(),
                    ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_1_1), filter, req.afterSeq());
        });
    }
}
