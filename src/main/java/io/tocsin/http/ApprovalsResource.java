package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Pending;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.SplitDetector;
import io.tocsin.json.AlertJson;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The two-person rule: GET /api/v1/approvals lists held requests (non-public: any token), POST
 * /api/v1/approvals/{id}/approve releases one (a second operator whose scope covers it, or an admin) — a held new
 * alert is issued (201), a held update applied (200). GET /api/v1/reviews lists what review requests are about
 * now: operators whose active actual alerts cover the two-person bound in pieces (operators and admins, in scope).
 */
final class ApprovalsResource {
    private final Vertx vertx;
    private final AlertDesk desk;
    private final Auth auth;
    private final RegionTree tree;

    ApprovalsResource(Vertx vertx, AlertDesk desk, Auth auth, RegionTree tree) {
        this.vertx = vertx;
        this.desk = desk;
        this.auth = auth;
        this.tree = tree;
    }

    void mount(Router r) {
        r.get("/api/v1/approvals").handler(this::list);
        r.post("/api/v1/approvals/:id/approve").handler(this::approve);
        r.get("/api/v1/reviews").handler(this::reviews);
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
                ObjectNode n = pendingJson(0, p.alert(), p.requestedBy(), p.requestedAt(), p.expiresAt());
                n.remove("seq");
                // A held update names an alert that exists: show the approver what it would change.
                Optional<Alert> current = desk.board().find(p.alert().id());
                n.put("kind", current.isPresent() ? "update" : "issue");
                current.ifPresent(a -> n.set("current", AlertJson.writePublic(a)));
                out.add(n);
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("approvals", out);
            Replies.ok(ctx, body);
        });
    }

    private void reviews(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        // A pass over the active alerts: built off the event loop, which only sends it.
        Blocking.run(vertx, ctx, () -> reviewsFor(auth.require(c, Role.ADMIN, Role.OPERATOR)),
                body -> Replies.ok(ctx, body));
    }

    private ObjectNode reviewsFor(Actor viewer) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SplitDetector.Footprint f : desk.splits().wide(desk.board())) {
            List<String> regions = f.alerts().stream().flatMap(a -> a.regions().stream()).toList();
            if (viewer.role() != Role.ADMIN && !SplitDetector.overlaps(viewer, regions, tree)) {
                continue;
            }
            ObjectNode n = out.addObject();
            n.put("operator", f.operator());
            n.put("oblast_count", f.oblasts().size());
            f.oblasts().forEach(n.putArray("oblasts")::add);
            ArrayNode alerts = n.putArray("alerts");
            f.alerts().forEach(a -> alerts.add(AlertJson.writePublic(a)));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("bound", desk.splits().bound());
        body.set("reviews", out);
        return body;
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
                    // The grant, the release, then perhaps a review request (which is not the reply).
                    LoggedEvent released = events.get(1);
                    ctx.response().putHeader("Location", "/api/v1/alerts/" + released.event().alert().id());
                    ObjectNode body = EventJson.writePublic(released);
                    body.put("approved_by", events.get(0).event().actor());
                    Replies.json(ctx, released.event().type() == EventType.ISSUED ? 201 : 200, body);
                });
    }
}
