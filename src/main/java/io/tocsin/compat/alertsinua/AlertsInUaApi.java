package io.tocsin.compat.alertsinua;

import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.view.Declared;
import io.tocsin.compat.web.Access;
import io.tocsin.compat.web.Conditional;
import io.tocsin.compat.web.Denial;
import io.tocsin.compat.web.Rep;
import io.tocsin.compat.web.RepStore;
import io.tocsin.domain.Board;
import io.tocsin.domain.Coverage;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * alerts.in.ua API v1 under {@value #BASE}: a client whose base URL is {@code http://host:port/compat/alerts-in-ua}
 * works unchanged (docs/compat.md). Errors are {@code {"message": …}}, as that API's clients expect.
 */
public final class AlertsInUaApi {
    public static final String BASE = "/compat/alerts-in-ua";
    /** The history windows clients ask for: only month_ago is documented, week_ago is what the clients send. */
    static final Map<String, Duration> PERIODS = Map.of("month_ago", Duration.ofDays(30), "week_ago",
            Duration.ofDays(7), "day_ago", Duration.ofDays(1));

    private final RepStore store;
    private final Access access;
    private final Board board;
    private final RegionTree tree;
    private final LocationTable table;
    private final Clock clock;

    public AlertsInUaApi(RepStore store, Access access, Board board, RegionTree tree, LocationTable table, Clock clock) {
        this.store = store;
        this.access = access;
        this.board = board;
        this.tree = tree;
        this.table = table;
        this.clock = clock;
    }

    /** The encoder of this API's per-seq representations. */
    public static RepStore.Encoder encoder() {
        return new AlertsInUaJson();
    }

    public void mount(Router r) {
        r.get(BASE + "/v1/alerts/active.json").handler(ctx -> cached(ctx, AlertsInUaJson.ACTIVE));
        r.get(BASE + "/v1/iot/active_air_raid_alerts_by_oblast.json").handler(ctx -> cached(ctx, AlertsInUaJson.OBLASTS));
        r.get(BASE + "/v1/iot/active_air_raid_alerts.json").handler(ctx -> cached(ctx, AlertsInUaJson.UIDS));
        r.getWithRegex(BASE + "/v1/iot/active_air_raid_alerts/([^/]+)\\.json").handler(ctx -> {
            Optional<Location> l = location(ctx.pathParam("param0"));
            if (l.isEmpty()) {
                allowed(ctx, () -> error(ctx, Denial.of(404, "unknown location uid " + ctx.pathParam("param0"))));
            } else {
                cached(ctx, AlertsInUaJson.uidKey(Integer.parseInt(ctx.pathParam("param0").trim())));
            }
        });
        // The Python and PHP clients use /regions/…, the Rust one /locations/…: the same history.
        r.getWithRegex(BASE + "/v1/regions/([^/]+)/alerts/([^/]+)\\.json").handler(this::history);
        r.getWithRegex(BASE + "/v1/locations/([^/]+)/alerts/([^/]+)\\.json").handler(this::history);
    }

    private void allowed(RoutingContext ctx, Runnable then) {
        access.check(ctx, Access.Scheme.BEARER_OR_QUERY, then, d -> error(ctx, d));
    }

    private void cached(RoutingContext ctx, String key) {
        allowed(ctx, () -> store.fresh(p -> {
            Rep rep = p.rep(key);
            if (rep == null) {
                error(ctx, Denial.of(404, "no such location"));
            } else {
                Conditional.reply(ctx, rep);
            }
        }));
    }

    private Optional<Location> location(String uid) {
        try {
            return table.byUid(Integer.parseInt(uid.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void history(RoutingContext ctx) {
        String uid = ctx.pathParam("param0");
        String period = ctx.pathParam("param1");
        allowed(ctx, () -> {
            Optional<Location> l = location(uid);
            Duration window = PERIODS.get(period);
            if (l.isEmpty()) {
                error(ctx, Denial.of(404, "unknown location uid " + uid));
                return;
            }
            if (window == null) {
                error(ctx, Denial.of(404, "unknown period " + period + "; use month_ago, week_ago or day_ago"));
                return;
            }
            store.offLoop(() -> store.revise("aiu:history:" + l.get().uid() + ":" + period,
                    historyBody(l.get(), window)), rep -> {
                if (rep == null) {
                    error(ctx, Denial.of(500, "the history could not be read"));
                } else {
                    Conditional.reply(ctx, rep);
                }
            });
        });
    }

    /** Every span in the window in which an actual alert covered the location, an ancestor or a part of it. */
    private byte[] historyBody(Location l, Duration window) {
        Instant now = clock.instant();
        List<Coverage> spans = board.history(l.region(), now.minus(window), now);
        List<AlertsInUaJson.Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant updated = Instant.EPOCH;
        for (Coverage c : spans) {
            if (c.alert().status() != Status.ACTUAL) {
                continue;
            }
            for (String r : c.alert().regions()) {
                if (!tree.isSelfOrAncestor(r, l.region()) && !tree.isSelfOrAncestor(l.region(), r)) {
                    continue;
                }
                Location at = table.ofRegion(r).orElse(tree.require(r).parentCode() == null
                        ? table.byUid(l.oblastUid()).orElse(null) : null);
                if (at != null && seen.add(c.alert().id() + "/" + at.uid() + "/" + c.from())) {
                    rows.add(new AlertsInUaJson.Row(new Declared(c.alert(), at), c.from(), c.to()));
                    updated = max(updated, max(c.alert().updatedAt(), c.to() == null ? c.from() : c.to()));
                }
            }
        }
        rows.sort(Comparator.comparing(AlertsInUaJson.Row::from));
        return AlertsInUaJson.envelope(table, rows, updated.equals(Instant.EPOCH) ? now : updated);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static void error(RoutingContext ctx, Denial d) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (d.retryAfter() > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(d.retryAfter()));
        }
        ctx.response().setStatusCode(d.status()).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(io.vertx.core.buffer.Buffer.buffer(Json.bytes(Json.MAPPER.createObjectNode()
                        .put("message", d.message()))));
    }
}
