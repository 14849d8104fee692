package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Board;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.Coverage;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.json.AlertJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** GET /api/v1/regions, /api/v1/regions/{code} (with its current status) and /api/v1/regions/{code}/history. */
final class RegionsResource {
    /** History queries are bounded so one request cannot make the server walk years of alerts. */
    static final Duration MAX_HISTORY = Duration.ofDays(366);

    private final Vertx vertx;
    private final RegionTree tree;
    private final Board board;

    RegionsResource(Vertx vertx, RegionTree tree, Board board) {
        this.vertx = vertx;
        this.tree = tree;
        this.board = board;
    }

    void mount(Router r) {
        r.get("/api/v1/regions").handler(this::list);
        r.get("/api/v1/regions/:code").handler(this::one);
        r.get("/api/v1/regions/:code/history").handler(this::history);
    }

    private void list(RoutingContext ctx) {
        String kind = Queries.one(ctx, "kind");
        String parent = Queries.one(ctx, "parent");
        List<Region> regions;
        if (parent != null) {
            regions = tree.children(parent);
        } else if (kind != null) {
            RegionKind k;
            try {
                k = RegionKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DomainException(Problem.INVALID_QUERY, "kind must be country, oblast, raion or hromada");
            }
            regions = tree.ofKind(k);
        } else {
            regions = tree.all();
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        regions.stream().filter(x -> kind == null || x.kind().wire().equalsIgnoreCase(kind.trim()))
                .forEach(x -> out.add(RegionJson.write(x)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("count", out.size());
        body.set("regions", out);
        Replies.ok(ctx, body);
    }

    private void one(RoutingContext ctx) {
        Region region = find(ctx);
        Set<Status> statuses = Queries.statuses(ctx);
        BoardSnapshot snapshot = board.snapshot();
        ObjectNode body = RegionJson.write(region);
        ArrayNode chain = body.putArray("chain");
        tree.chain(region.code()).forEach(x -> chain.add(RegionJson.write(x)));
        ArrayNode children = body.putArray("children");
        tree.children(region.code()).forEach(x -> children.add(x.code()));
        List<Alert> covering = snapshot.covering(region.code()).stream()
                .filter(a -> statuses.contains(a.status())).toList();
        List<Alert> parts = snapshot.withinParts(region.code()).stream()
                .filter(a -> statuses.contains(a.status())).toList();
        ObjectNode status = body.putObject("status");
        status.put("seq", snapshot.seq());
        status.put("under_alert", !covering.isEmpty());
        status.put("partly_under_alert", !parts.isEmpty());
        ArrayNode alerts = status.putArray("alerts");
        covering.forEach(a -> alerts.add(AlertJson.writePublic(a).put("inherited", !a.regions().contains(region.code()))));
        ArrayNode partial = status.putArray("alerts_in_parts");
        parts.forEach(a -> partial.add(AlertJson.writePublic(a)));
        Replies.ok(ctx, body);
    }

    private void history(RoutingContext ctx) {
        Region region = find(ctx);
        Instant to = Queries.instant(ctx, "to", Instant.now());
        Instant from = Queries.instant(ctx, "from", to.minus(Duration.ofDays(7)));
        if (!from.isBefore(to)) {
            throw new DomainException(Problem.INVALID_QUERY, "from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_HISTORY) > 0) {
            throw new DomainException(Problem.INVALID_QUERY, "the range may span at most 366 days");
        }
        Set<Status> statuses = Queries.statuses(ctx);
        // Off the event loop: a country-wide history over a year can hold many thousands of spans.
        Blocking.run(vertx, ctx, () -> board.history(region.code(), from, to), spans -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (Coverage c : spans) {
                if (statuses.contains(c.alert().status())) {
                    ObjectNode a = AlertJson.writePublic(c.alert());
                    ObjectNode covered = a.putObject("covered");
                    covered.put("from", c.from().toString());
                    if (c.open()) {
                        covered.putNull("to");
                    } else {
                        covered.put("to", c.to().toString());
                    }
                    out.add(a);
                }
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("region", region.code());
            body.put("from", from.toString());
            body.put("to", to.toString());
            body.put("count", out.size());
            body.set("alerts", out);
            Replies.ok(ctx, body);
        });
    }

    private Region find(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        return tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
    }
}
