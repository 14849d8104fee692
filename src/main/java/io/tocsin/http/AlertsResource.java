package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.Alert;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Role;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.json.AlertJson;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.tocsin.stream.StreamFilter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiFunction;

/** The alerts: the active list, one alert, and the operator's writes (issue, update, end). */
final class AlertsResource {
    private final Vertx vertx;
    private final AlertDesk desk;
    private final RegionTree tree;
    private final Auth auth;
    private final SnapshotBodies bodies;

    AlertsResource(Vertx vertx, AlertDesk desk, RegionTree tree, Auth auth, SnapshotBodies bodies) {
        this.vertx = vertx;
        this.desk = desk;
        this.tree = tree;
        this.auth = auth;
        this.bodies = bodies;
    }

    void mount(Router r) {
        r.get("/api/v1/alerts/active").handler(this::active);
        r.get("/api/v1/alerts/:id").handler(this::one);
        r.get("/api/v1/alerts/:id/events").handler(this::events);
        r.post("/api/v1/alerts").handler(ctx -> write(ctx, 201,
                (a, key) -> desk.issue(a, AlertRequests.issue(ctx.body().buffer()), key)));
        r.patch("/api/v1/alerts/:id").handler(ctx -> write(ctx, 200,
                (a, key) -> desk.update(a, AlertRequests.update(ctx.pathParam("id"), ctx.body().buffer()), key)));
        r.post("/api/v1/alerts/:id/end").handler(ctx -> write(ctx, 200,
                (a, key) -> desk.end(a, AlertRequests.end(ctx.pathParam("id"), ctx.body().buffer()), key)));
    }

    /**
     * The active alerts and the seq they reflect, from one snapshot: a client that resumes a stream from this seq
     * misses nothing and repeats nothing. Encoded once per seq and filter (it is megabytes with 10,000 alerts).
     */
    private void active(RoutingContext ctx) {
        StreamFilter filter = StreamRequest.listFilter(ctx, tree);
        bodies.serve(ctx, "alerts_active", filter, desk.board()::snapshot, "application/json; charset=utf-8",
                snapshot -> activeBody(snapshot, filter));
    }

    private byte[] activeBody(BoardSnapshot snapshot, StreamFilter filter) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Alert a : snapshot.active()) {
            if (filter.matches(a, tree)) {
                out.add(AlertJson.writePublic(a));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("seq", snapshot.seq());
        body.put("count", out.size());
        body.set("alerts", out);
        return Json.bytes(body);
    }

    private void one(RoutingContext ctx) {
        Alert a = desk.board().find(ctx.pathParam("id"))
                .orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + ctx.pathParam("id")));
        Replies.ok(ctx, AlertJson.writePublic(a));
    }

    /** The alert's own history: every public event about it, e.g. an issue and its false-alarm correction. */
    private void events(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        desk.board().find(id).orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + id));
        Blocking.run(vertx, ctx, () -> desk.log().forAlert(id), result -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            result.stream().filter(e -> e.event().type().isPublic()).forEach(e -> out.add(EventJson.writePublic(e)));
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("alert", id);
            body.set("events", out);
            Replies.ok(ctx, body);
        });
    }

    /**
     * Authenticates and runs a write off the event loop; the reply (the logged event) is sent only after the
     * event is durable.
     */
    private void write(RoutingContext ctx, int status, BiFunction<Actor, IdempotencyKey, LoggedEvent> command) {
        Auth.Credentials credentials = Auth.credentials(ctx);
        IdempotencyKeys.Request keyed = IdempotencyKeys.of(ctx);
        Blocking.run(vertx, ctx, () -> {
            Actor actor = auth.require(credentials, Role.ADMIN, Role.OPERATOR);
            return command.apply(actor, keyed.forActor(actor));
        }, result -> {
                    LoggedEvent e = result;
                    if (e.event().type() == EventType.APPROVAL_REQUESTED) {
                        // Held by the two-person rule: accepted and durable, but not issued until approved.
                        ctx.response().putHeader("Location", "/api/v1/approvals/" + e.event().alert().id());
                        Replies.json(ctx, 202, ApprovalsResource.pendingJson(e.seq(), e.event().alert(),
                                e.event().actor(), e.event().at(), e.event().at().plus(desk.approvalTtl())));
                        return;
                    }
                    ctx.response().putHeader("Location", "/api/v1/alerts/" + e.event().alert().id());
                    Replies.json(ctx, status, EventJson.writePublic(e));
                });
    }
}
