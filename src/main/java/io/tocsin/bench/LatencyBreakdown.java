package io.tocsin.bench;

import io.tocsin.db.Database;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.log.JdbcEventLog;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where issue → delivery time goes, measured beside the main run on the same machine and disk: an HTTP round trip
 * that does no work (the client's and server's HTTP cost and the thread hops of a request), and a durable append of
 * a ~400-byte event to a SQLite log in the same directory (the commit and its fsync). What the main figure has
 * beyond their sum is the desk's decision and fold, the fan-out and the subscriber's read.
 */
final class LatencyBreakdown {
    private LatencyBreakdown() {
    }

    /** Median of {@code n} GET /health round trips, in ns. */
    static Histogram httpRoundTrip(HttpClient http, String url, int n) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/health")).build();
        for (int i = 0; i < n + 100; i++) {
            long t0 = System.nanoTime();
            http.send(req, HttpResponse.BodyHandlers.ofString());
            if (i >= 100) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    /** {@code n} durable appends to a fresh SQLite log in {@code dir}, in ns each. */
    static Histogram durableAppend(Path dir, int n) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Database db = Database.sqlite(dir.resolve("append-only.db"))) {
            JdbcEventLog log = new JdbcEventLog(db);
            for (int i = 0; i < n + 100; i++) {
                Instant now = Instant.now();
                Alert a = new Alert("bench-" + i, List.of("UA-32"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT,
                        Status.ACTUAL, new Texts("Загроза ударних БпЛА", "Attack drone threat",
                        "Негайно прямуйте до найближчого укриття", "Go to the nearest shelter now"), "bench", now, now,
                        null, null, null);
                long t0 = System.nanoTime();
                log.append(new Event(EventType.ISSUED, now, "bench", a));
                if (i >= 100) {
                    h.recordValue(System.nanoTime() - t0);
                }
            }
        }
        return h;
    }

    static void print(Histogram total, Histogram http, Histogram append) {
        double t = total.getValueAtPercentile(50) / 1e6;
        double r = http.getValueAtPercentile(50) / 1e6;
        double a = append.getValueAtPercentile(50) / 1e6;
        System.out.printf("  where the median goes: HTTP round trip doing nothing %.2f ms, durable SQLite append %.2f ms,"
                + " the rest (decide, fold, fan-out, the subscriber's read) %.2f ms%n", r, a, Math.max(0, t - r - a));
    }
}
