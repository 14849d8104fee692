package io.tocsin.http;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.Exposure;
import io.tocsin.domain.ExposureSpans;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * GET /api/v1/history.csv and /api/v1/history.json: one region's merged intervals under alert (its own alerts and
 * its ancestors') in a window, streamed in chunks as they are written, each interval cut to the window, times in
 * UTC and in Kyiv local time.
 */
final class HistoryExportResource {
    /** Intervals per chunk written: a whole-period export of an oblast is a few thousand. */
    private static final int CHUNK = 500;
    private static final DateTimeFormatter KYIV_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(StatsWindow.KYIV);
    static final String CSV_HEADER = "region,from,to,seconds,from_kyiv,to_kyiv\n";

    private final Vertx vertx;
    private final RegionTree tree;
    private final Exposure exposure;
    private final Clock clock;

    HistoryExportResource(Vertx vertx, RegionTree tree, Exposure exposure, Clock clock) {
        this.vertx = vertx;
        this.tree = tree;
        this.exposure = exposure;
        this.clock = clock;
    }

    void mount(Router r) {
        r.get("/api/v1/history.csv").handler(ctx -> export(ctx, true));
        r.get("/api/v1/history.json").handler(ctx -> export(ctx, false));
    }

    private void export(RoutingContext ctx, boolean csv) {
        String code = Queries.one(ctx, "region");
        if (code == null || code.isBlank()) {
            throw new DomainException(Problem.INVALID_QUERY, "region is required, e.g. region=UA-32");
        }
        Region region = tree.find(code.trim())
                .orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code.trim())));
        Instant now = clock.instant();
        StatsWindow w = StatsWindow.of(ctx, now);
        Blocking.run(vertx, ctx, () -> exposure.of(region.code(), w.threat()), spans -> {
            HttpServerResponse res = ctx.response().setChunked(true)
                    .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
            if (csv) {
                res.putHeader("Content-Disposition", "attachment; filename=\"tocsin-history-" + region.code() + ".csv\"");
            }
            long lo = w.from().toEpochMilli();
            long hi = Math.min(w.to().toEpochMilli(), now.toEpochMilli());
            StringBuilder out = new StringBuilder(csv ? CSV_HEADER : "{\"region\":\"" + region.code() + "\",\"from\":\""
                    + w.from() + "\",\"to\":\"" + w.to() + "\",\"time_zone\":\"Europe/Kyiv\",\"intervals\":[");
            write(res, spans, spans.firstEndingAfter(lo), lo, hi, !w.to().isBefore(now), region.code(), csv, out, true);
        });
    }

    /** Writes from interval {@code i} on, a chunk at a time, waiting for the socket to drain between chunks. */
    private void write(HttpServerResponse res, ExposureSpans s, int i, long lo, long hi, boolean live, String code,
                       boolean csv, StringBuilder out, boolean first) {
        int written = 0;
        while (i < s.intervals() && s.from(i) < hi && written < CHUNK) {
            long a = Math.max(lo, s.from(i));
            long b = Math.min(hi, s.to(i));
            // Still under alert now (and the window reaches now): the interval has no end yet.
            boolean open = s.to(i) == ExposureSpans.OPEN && live;
            i++;
            if (b <= a) {
                continue;
            }
            String from = Instant.ofEpochMilli(a).toString();
            String to = Instant.ofEpochMilli(b).toString();
            String fromKyiv = KYIV_TIME.format(Instant.ofEpochMilli(a));
            String toKyiv = KYIV_TIME.format(Instant.ofEpochMilli(b));
            long seconds = (b - a) / 1000;
            if (csv) {
                out.append(code).append(',').append(from).append(',').append(open ? "" : to).append(',')
                        .append(seconds).append(',').append(fromKyiv).append(',').append(open ? "" : toKyiv).append('\n');
            } else {
                out.append(first && written == 0 ? "" : ",").append("{\"from\":\"").append(from).append("\",\"to\":")
                        .append(open ? "null" : "\"" + to + "\"").append(",\"seconds\":").append(seconds)
                        .append(",\"from_kyiv\":\"").append(fromKyiv).append("\",\"to_kyiv\":")
                        .append(open ? "null" : "\"" + toKyiv + "\"").append('}');
            }
            written++;
        }
        boolean more = i < s.intervals() && s.from(i) < hi;
        boolean nextFirst = first && written == 0;
        if (!more) {
            if (!csv) {
                out.append("]}");
            }
            res.end(Buffer.buffer(out.toString()));
            return;
        }
        res.write(Buffer.buffer(out.toString()));
        int next = i;
        Runnable go = () -> write(res, s, next, lo, hi, live, code, csv, new StringBuilder(), nextFirst);
        if (res.writeQueueFull()) {
            res.drainHandler(v -> go.run());
        } else {
            vertx.runOnContext(v -> go.run());
        }
    }
}
