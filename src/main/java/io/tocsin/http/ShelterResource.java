package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.ShelterTimes;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.Set;

/**
 * GET and PUT /api/v1/regions/{code}/shelter: a region's time to shelter (inherited from the nearest region above
 * that has one) and an admin's setting of it. Every alert issued or updated afterwards carries the shortest of its
 * regions' in {@code time_to_shelter_seconds}, its CAP instruction and its stream events.
 */
final class ShelterResource {
    private final Vertx vertx;
    private final AlertDesk desk;
    private final RegionTree tree;
    private final Auth auth;

    ShelterResource(Vertx vertx, AlertDesk desk, RegionTree tree, Auth auth) {
        this.vertx = vertx;
        this.desk = desk;
        this.tree = tree;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/v1/regions/:code/shelter").handler(this::get);
        r.put("/api/v1/regions/:code/shelter").handler(this::put);
    }

    private Region region(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        return tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
    }

    private void get(RoutingContext ctx) {
        Replies.ok(ctx, body(region(ctx).code()));
    }

    private ObjectNode body(String code) {
        Optional<ShelterTimes.Inherited> i = desk.board().shelter().of(code);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("region", code);
        if (i.isPresent()) {
            n.put("seconds", i.get().seconds());
            n.put("set_on", i.get().setOn());
            n.put("inherited", !i.get().setOn().equals(code));
        } else {
            n.putNull("seconds");
            n.putNull("set_on");
            n.put("inherited", false);
        }
        return n;
    }

    private void put(RoutingContext ctx) {
        Region region = region(ctx);
        JsonNode n = AlertRequests.object(ctx.body().buffer(), Set.of("seconds"));
        JsonNode s = n.get("seconds");
        if (s == null || !(s.isNull() || s.isIntegralNumber() && s.canConvertToInt())) {
            throw new DomainException(Problem.INVALID_FIELD, "seconds must be a whole number of seconds, or null");
        }
        Integer seconds = s.isNull() ? null : s.asInt();
        Auth.Credentials credentials = Auth.credentials(ctx);
        IdempotencyKeys.Request keyed = IdempotencyKeys.of(ctx);
        Blocking.run(vertx, ctx, () -> {
            Actor actor = auth.require(credentials, Role.ADMIN);
            return desk.setShelter(actor, region.code(), seconds, keyed.forActor(actor));
        }, (LoggedEvent e) -> Replies.ok(ctx, body(region.code()).put("seq", e.seq())));
    }
}
