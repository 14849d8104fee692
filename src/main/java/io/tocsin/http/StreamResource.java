package io.tocsin.http;

import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.stream.Hub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /api/v1/stream (Server-Sent Events) and GET /api/v1/ws (WebSocket): two thin transports over the hub's one
 * subscribe pipeline, with the same filters, resume and event shape.
 */
final class StreamResource {
    private final Hub hub;
    private final RegionTree tree;
    private final PointLocator locator;

    StreamResource(Hub hub, RegionTree tree, PointLocator locator) {
        this.hub = hub;
        this.tree = tree;
        this.locator = locator;
    }

    void mount(Router r) {
        r.get("/api/v1/stream").handler(this::sse);
        r.get("/api/v1/ws").handler(this::ws);
    }

    private void ws(RoutingContext ctx) {
        // Filters are checked before the upgrade, so a bad request gets a problem+json answer, not a closed socket.
        StreamRequest req = StreamRequest.parse(ctx, tree, locator);
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            throw new io.tocsin.domain.DomainException(io.tocsin.domain.Problem.INVALID_QUERY,
                    "this endpoint speaks WebSocket: send Upgrade: websocket (or use /api/v1/stream for SSE)");
        }
        io.netty.channel.Channel channel = ctx.request().connection() instanceof ConnectionBase base ? base.channel() : null;
        ctx.request().toWebSocket().onSuccess(ws -> hub.subscribe(new WsSink(ws, channel), req.filter(), req.afterSeq()))
                .onFailure(t -> Problems.fail(ctx, new io.tocsin.domain.DomainException(
                        io.tocsin.domain.Problem.INVALID_QUERY, "WebSocket handshake failed")));
    }

    private void sse(RoutingContext ctx) {
        StreamRequest req = StreamRequest.parse(ctx, tree, locator);
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // The retry hint and an opening comment flush the headers so clients know the stream is open.
        res.write(Buffer.buffer("retry: 2000\n: open\n\n"));
        hub.subscribe(new SseSink(res, ctx.request().connection(),
                ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_1_1), req.filter(), req.afterSeq());
    }
}
