package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Pending;
import io.tocsin.domain.Role;
import io.tocsin.json.AlertJson;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * The two-person rule: GET /api/v1/approvals lists held requests (non-public: any token), POST
 * /api/v1/approvals/{id}/approve releases one (a second operator whose scope covers it, or an admin).
 */
final class ApprovalsResource {
    private final Vertx vertx;
    private final AlertDesk desk;
    private final Auth auth;

    ApprovalsResource(Vertx vertx, AlertDesk desk, Auth auth) {
        this.vertx = vertx;
        this.desk = desk;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/v1/approvals").handler(this::list);
        r.post("/api/v1/approvals/:id/approve").handler(this::approve);
    }

    static ObjectNode pendingJson(long seq, Alert alert, String requestedBy, Instant at, Instant expiresAt) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", "pending_approval");
        n.put("id", alert.id());
        n.put("seq", seq);
        n.put("requested_by", requestedBy);
        n.put("requested_at", at.toString());
        n.put("expires_at", expiresAt.toString());
        n.put("approve", "/api/v1/approvals/" + alert.id() + "/approve");
        n.set("alert", AlertJson.writePublic(alert));
        return n;
    }

    private void list(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> auth.require(c), result -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (Pending p : desk.board().pending()) {
                out.add(pendingJson(0, p.alert(), p.requestedBy(), p.requestedAt(), p.expiresAt()).without("seq"));
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("approvals", out);
            Replies.ok(ctx, body);
        });
    }

    private void approve(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        String id = ctx.pathParam("id");
        IdempotencyKeys.Request keyed = IdempotencyKeys.of(ctx);
        Blocking.run(vertx, ctx, () -> {
            Actor actor = auth.require(c, Role.ADMIN, Role.OPERATOR);
            return desk.approve(actor, id, keyed.forActor(actor));
        }, result -> {
                    List<LoggedEvent> events = result;
                    LoggedEvent issued = events.get(events.size() - 1);
                    ctx.response().putHeader("Location", "/api/v1/alerts/" + issued.event().alert().id());
                    ObjectNode body = EventJson.writePublic(issued);
                    body.put("approved_by", events.get(0).event().actor());
                    Replies.json(ctx, 201, body);
                });
    }
}
