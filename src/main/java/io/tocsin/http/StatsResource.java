package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Exposure;
import io.tocsin.domain.ExposureSpans;
import io.tocsin.domain.ExposureStats;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GET /api/v1/stats/regions/{code} (one region's time under alert, by Kyiv hour, weekday and month) and
 * GET /api/v1/stats/regions?level= (every region of a level ranked by time under alert), from the exposure
 * projection. See docs/statistics.md.
 */
final class StatsResource {
    /** How many of the longest intervals a region's statistics list (the region page shows them). */
    static final int LONGEST = 5;

    private final Vertx vertx;
    private final RegionTree tree;
    private final Exposure exposure;
    private final Clock clock;

    StatsResource(Vertx vertx, RegionTree tree, Exposure exposure, Clock clock) {
        this.vertx = vertx;
        this.tree = tree;
        this.exposure = exposure;
        this.clock = clock;
    }

    void mount(Router r) {
        r.get("/api/v1/stats/regions").handler(this::ranking);
        r.get("/api/v1/stats/regions/:code").handler(this::one);
    }

    private void one(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        Region region = tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
        Instant now = clock.instant();
        StatsWindow w = StatsWindow.of(ctx, now);
        Blocking.run(vertx, ctx, () -> {
            ExposureSpans spans = exposure.of(region.code(), w.threat());
            return java.util.Map.entry(ExposureStats.of(spans, w.from(), w.to(), now, StatsWindow.KYIV),
                    ExposureStats.longest(spans, w.from(), w.to(), now, LONGEST));
        }, both -> {
            ExposureStats s = both.getKey();
            ObjectNode body = header(region, w);
            body.put("alerts", s.alerts());
            body.put("seconds_under_alert", s.seconds());
            body.put("longest_seconds", s.longestSeconds());
            body.put("median_seconds", s.medianSeconds());
            ArrayNode hours = body.putArray("by_hour");
            for (long v : s.byHour()) {
                hours.add(v);
            }
            ArrayNode days = body.putArray("by_weekday");
            for (long v : s.byWeekday()) {
                days.add(v);
            }
            ObjectNode months = body.putObject("by_month");
            s.byMonth().forEach(months::put);
            ArrayNode grid = body.putArray("by_weekday_hour");
            for (long[] day : s.byWeekdayHour()) {
                ArrayNode row = grid.addArray();
                for (long v : day) {
                    row.add(v);
                }
            }
            ArrayNode longest = body.putArray("longest");
            for (long[] x : both.getValue()) {
                longest.addObject().put("from", Instant.ofEpochMilli(x[0]).toString())
                        .put("to", Instant.ofEpochMilli(x[1]).toString()).put("seconds", (x[1] - x[0]) / 1000);
            }
            PermanentAlerts.note(tree, region.code()).ifPresent(n -> body.put("note", n));
            Replies.ok(ctx, body);
        });
    }

    private ObjectNode header(Region region, StatsWindow w) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("region", region.code());
        body.put("name_uk", region.nameUk());
        body.put("name_en", region.nameEn());
        body.put("from", w.from().toString());
        body.put("to", w.to().toString());
        body.put("threat", w.threat().equals(Exposure.ALL) ? null : w.threat());
        body.put("time_zone", StatsWindow.KYIV.getId());
        return body;
    }

    private record Row(Region region, long seconds, int alerts) {
    }

    private void ranking(RoutingContext ctx) {
        String level = Queries.one(ctx, "level");
        RegionKind kind;
        try {
            kind = RegionKind.valueOf((level == null ? "oblast" : level.trim()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException(Problem.INVALID_QUERY, "level must be oblast, raion or hromada");
        }
        if (kind == RegionKind.COUNTRY) {
            throw new DomainException(Problem.INVALID_QUERY, "level must be oblast, raion or hromada");
        }
        Instant now = clock.instant();
        StatsWindow w = StatsWindow.of(ctx, now);
        Blocking.run(vertx, ctx, () -> rank(kind, w, now), rows -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("level", kind.wire());
            body.put("from", w.from().toString());
            body.put("to", w.to().toString());
            body.put("threat", w.threat().equals(Exposure.ALL) ? null : w.threat());
            body.put("count", rows.size());
            ArrayNode out = body.putArray("regions");
            int rank = 0;
            for (Row r : rows) {
                ObjectNode o = out.addObject();
                o.put("rank", ++rank);
                o.put("region", r.region().code());
                o.put("name_uk", r.region().nameUk());
                o.put("name_en", r.region().nameEn());
                o.put("seconds_under_alert", r.seconds());
                o.put("alerts", r.alerts());
            }
            Replies.ok(ctx, body);
        });
    }

    private List<Row> rank(RegionKind kind, StatsWindow w, Instant now) {
        // Regions without alerts of their own share their parent's exposure: count each distinct one once.
        Map<ExposureSpans, Row> done = new IdentityHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Region r : tree.ofKind(kind)) {
            ExposureSpans s = exposure.of(r.code(), w.threat());
            Row known = done.computeIfAbsent(s, x -> new Row(r, ExposureStats.secondsIn(x, w.from(), w.to(), now),
                    ExposureStats.alertsIn(x, w.from(), w.to(), now)));
            rows.add(new Row(r, known.seconds(), known.alerts()));
        }
        rows.sort(Comparator.comparingLong(Row::seconds).reversed().thenComparing(x -> x.region().code()));
        return rows;
    }
}
