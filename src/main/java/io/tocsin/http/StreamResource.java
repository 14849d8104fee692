package io.tocsin.http;

import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.stream.Hub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /api/v1/stream: Server-Sent Events through the hub's one subscribe pipeline. */
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
        hub.subscribe(new SseSink(res), req.filter(), req.afterSeq());
    }
}
