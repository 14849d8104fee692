package io.tocsin.compat.ukrainealarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * ukrainealarm API v3 under {@value #BASE}: a client whose base URL is {@code http://host:port/compat/ukrainealarm}
 * works unchanged (docs/compat.md). The webhook endpoints belong to push integrations and are not here. Errors are
 * ASP.NET-style ProblemDetails, which is what that API's clients print (none parses them).
 */
public final class UkraineAlarmApi {
    public static final String BASE = "/compat/ukrainealarm";
    /** regionHistory's "last 25 alerts of the region". */
    static final int HISTORY_LIMIT = 25;
    /** How far back regionHistory looks for them. */
    static final Duration HISTORY_WINDOW = Duration.ofDays(365);

    private final RepStore store;
    private final Access access;
    private final Board board;
    private final RegionTree tree;
    private final LocationTable table;
    private final Clock clock;

    public UkraineAlarmApi(RepStore store, Access access, Board board, RegionTree tree, LocationTable table,
                           Clock clock) {
        this.store = store;
        this.access = access;
        this.board = board;
        this.tree = tree;
        this.table = table;
        this.clock = clock;
    }

    public static RepStore.Encoder encoder(RegionTree tree) {
        return new UkraineAlarmJson(tree);
    }

    public void mount(Router r) {
        String api = BASE + "/api/v3";
        r.get(api + "/alerts").handler(ctx -> cached(ctx, UkraineAlarmJson.ALERTS));
        r.get(api + "/alerts/status").handler(ctx -> cached(ctx, UkraineAlarmJson.STATUS));
        r.get(api + "/alerts/regionHistory").handler(this::history);
        r.get(api + "/alerts/:regionId").handler(ctx -> {
            String id = ctx.pathParam("regionId").trim();
            if (table.byUaId(id).isEmpty()) {
                allowed(ctx, () -> error(ctx, Denial.of(404, "unknown regionId " + id)));
            } else {
                cached(ctx, UkraineAlarmJson.regionKey(id));
            }
        });
        r.get(api + "/regions").handler(ctx -> cached(ctx, UkraineAlarmJson.REGIONS));
    }

    private void allowed(RoutingContext ctx, Runnable then) {
        access.check(ctx, Access.Scheme.RAW_HEADER, then, d -> error(ctx, d));
    }

    private void cached(RoutingContext ctx, String key) {
        allowed(ctx, () -> store.fresh(p -> {
            Rep rep = p.rep(key);
            if (rep == null) {
                error(ctx, Denial.of(404, "no such region"));
            } else {
                Conditional.reply(ctx, rep);
            }
        }));
    }

    private void history(RoutingContext ctx) {
        String id = ctx.request().getParam("regionId");
        allowed(ctx, () -> {
            if (id == null || id.isBlank()) {
                error(ctx, Denial.of(400, "regionId is required"));
                return;
            }
            Optional<Location> l = table.byUaId(id.trim());
            if (l.isEmpty()) {
                error(ctx, Denial.of(404, "unknown regionId " + id));
                return;
            }
            store.offLoop(() -> store.revise("ua:history:" + l.get().uid(), historyBody(l.get())), rep -> {
                if (rep == null) {
                    error(ctx, Denial.of(500, "the history could not be read"));
                } else {
                    Conditional.reply(ctx, rep);
                }
            });
        });
    }

    /** The last 25 actual alerts that covered the region (declared for it or an ancestor), newest first. */
    private byte[] historyBody(Location l) {
        Instant now = clock.instant();
        List<Coverage> spans = board.history(l.region(), now.minus(HISTORY_WINDOW), now).stream()
                .filter(c -> c.alert().status() == Status.ACTUAL)
                .filter(c -> c.alert().regions().stream().anyMatch(r -> tree.isSelfOrAncestor(r, l.region())))
                .sorted(Comparator.comparing(Coverage::from).reversed()).limit(HISTORY_LIMIT).toList();
        ArrayNode alarms = Json.MAPPER.createArrayNode();
        for (Coverage c : spans) {
            Location at = c.alert().regions().stream().filter(r -> tree.isSelfOrAncestor(r, l.region()))
                    .map(table::ofRegion).flatMap(Optional::stream).filter(x -> x.uaId() != null).findFirst()
                    .orElse(l);
            Instant end = c.to() == null ? now : c.to();
            ObjectNode a = alarms.addObject();
            a.put("regionId", at.uaId());
            a.put("startDate", UkraineAlarmJson.TIME.format(c.from()));
            a.put("endDate", UkraineAlarmJson.TIME.format(end));
            a.put("duration", duration(Duration.between(c.from(), end)));
            a.put("alertType", AlertLevels.type(c.alert().threat()));
            a.put("regionName", at.nameUk());
            a.put("isContinue", c.to() == null);
        }
        ObjectNode h = Json.MAPPER.createObjectNode().put("regionId", l.uaId()).put("regionName", l.nameUk());
        h.set("alarms", alarms);
        return Json.bytes(Json.MAPPER.createArrayNode().add(h));
    }

    /** .NET's TimeSpan string: "hh:mm:ss", with "d." in front from a day on. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        String hms = String.format("%02d:%02d:%02d", (s / 3600) % 24, (s / 60) % 60, s % 60);
        return days > 0 ? days + "." + hms : hms;
    }

    static void error(RoutingContext ctx, Denial d) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (d.retryAfter() > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(d.retryAfter()));
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("title", title(d.status())).put("status", d.status())
                .put("detail", d.message());
        ctx.response().setStatusCode(d.status()).putHeader("Content-Type", "application/problem+json; charset=utf-8")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
