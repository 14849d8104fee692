package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.Status;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * GET /api/v1/events?after=SEQ&limit=N: a page of the log for polling clients. {@code next} is the seq to pass as
 * {@code after} next time; it advances past events the status filter hides, so a poller never stalls on them.
 */
final class EventsResource {
    static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final EventLog log;

    EventsResource(Vertx vertx, EventLog log) {
        this.vertx = vertx;
        this.log = log;
    }

    void mount(Router r) {
        r.get("/api/v1/events").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, MAX_LIMIT);
        Set<Status> statuses = Queries.statuses(ctx);
        Blocking.run(vertx, ctx, () -> log.after(after, limit), page -> {
            ArrayNode events = Json.MAPPER.createArrayNode();
            page.stream().filter(e -> e.event().type().isPublic())
                    .filter(e -> statuses.contains(e.event().alert().status()))
                    .forEach(e -> events.add(EventJson.writePublic(e)));
            Replies.eventPage(ctx, after, limit, page, events);
        });
    }
}
