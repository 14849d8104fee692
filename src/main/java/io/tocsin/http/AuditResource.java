package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.Role;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * GET /api/v1/audit?after=&limit= (admin): the whole hash-chained log with actors, approvals and expiries, and
 * GET /api/v1/audit/verify: the chain check.
 */
final class AuditResource {
    private final Vertx vertx;
    private final EventLog log;
    private final Auth auth;

    AuditResource(Vertx vertx, EventLog log, Auth auth) {
        this.vertx = vertx;
        this.log = log;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/v1/audit").handler(this::page);
        r.get("/api/v1/audit/verify").handler(this::verify);
    }

    private void page(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, EventsResource.MAX_LIMIT);
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return log.after(after, limit);
        }, page -> {
            ArrayNode events = Json.MAPPER.createArrayNode();
            page.forEach(e -> events.add(EventJson.writeAudit(e)));
            Replies.eventPage(ctx, after, limit, page, events);
        });
    }

    private void verify(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return log.verify();
        }, result -> {
            EventLog.ChainCheck check = result;
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("intact", check.intact());
            body.put("checked", check.checked());
            if (!check.intact()) {
                body.put("first_broken_seq", check.firstBrokenSeq());
            }
            body.put("reason", check.reason());
            Replies.ok(ctx, body);
        });
    }
}
