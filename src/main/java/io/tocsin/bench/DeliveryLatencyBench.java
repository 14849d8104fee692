package io.tocsin.bench;

import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue → first SSE delivery: starts a server on a fresh SQLite file (durability on: WAL, synchronous=FULL), opens
 * one SSE subscriber, issues N alerts one after another through the HTTP API and records, per alert, the time from
 * sending the POST to the subscriber reading the event. Optionally the board is first filled with {@code active}
 * alerts and {@code feedReaders} clients read the Atom feed of them back to back during the run, to show whether
 * large reads delay delivery.
 */
public final class DeliveryLatencyBench {
    private static final Pattern ALERT_ID = Pattern.compile("\"alert\":\\{\"id\":\"([^\"]+)\"");

    private DeliveryLatencyBench() {
    }

    public static Histogram run(int alerts, int warmup, long pauseMs) throws Exception {
        return run(alerts, warmup, pauseMs, 0, 0);
    }

    public static Histogram run(int alerts, int warmup, long pauseMs, int active, int feedReaders) throws Exception {
        String db = "sqlite:" + Files.createTempDirectory("tocsin-bench").resolve("bench.db");
        try (TocsinServer server = new TocsinServer(new ServerConfig("127.0.0.1", 0, db,
                new ServerConfig.Limits(10, 1_000_000), java.util.List.of()), RegionCatalog.load(),
                Clock.systemUTC()).start()) {
            String token = server.tokens().create(Role.ADMIN, java.util.List.of(), "bench", null).bearer();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, Long> received = new ConcurrentHashMap<>();
            CountDownLatch opened = new CountDownLatch(1);
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/stream"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    opened.countDown();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("data: ")) {
                            long now = System.nanoTime();
                            Matcher m = ALERT_ID.matcher(line);
                            if (m.find()) {
                                received.put(m.group(1), now);
                            }
                        }
                    }
                } catch (Exception e) {
                    // stream closed at the end of the run
                }
            });
            opened.await(5, TimeUnit.SECONDS);
            String[] oblasts = {"UA-05", "UA-07", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32"};
            fill(http, server.url(), token, active, oblasts);
            try (FeedReaders readers = new FeedReaders(feedReaders, URI.create(server.url() + "/api/v1/cap/feed.atom"))) {
                readers.awaitReads(feedReaders, TimeUnit.SECONDS.toNanos(120)); // every reader is reading now
                long reads = readers.reads();
                long bytes = readers.bytes();
                long t0 = System.nanoTime();
                Histogram h = measure(http, server.url(), token, received, alerts, warmup, pauseMs, oblasts);
                if (feedReaders > 0) {
                    System.out.printf("  %d feed readers over %d active alerts, during the %.1f s measured: %d reads"
                                    + " (%d MB), %d failed%n", feedReaders, active, (System.nanoTime() - t0) / 1e9,
                            readers.reads() - reads, (readers.bytes() - bytes) >> 20, readers.failures());
                }
                reader.interrupt();
                stream.body().close();
                LatencyBreakdown.print(h, LatencyBreakdown.httpRoundTrip(http, server.url(), alerts),
                        LatencyBreakdown.durableAppend(Path.of(db.substring("sqlite:".length())).getParent(), alerts));
                return h;
            }
        }
    }

    /** Issues {@code n} alerts that stay active, before anything is measured. */
    private static void fill(HttpClient http, String url, String token, int n, String[] oblasts) throws Exception {
        for (int i = 0; i < n; i++) {
            String body = "{\"regions\":[\"" + oblasts[i % oblasts.length] + "\"],\"threat\":\"air_raid\","
                    + "\"headline\":{\"uk\":\"Повітряна тривога " + i + "\",\"en\":\"Air raid alert " + i + "\"}}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("filling the board failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private static Histogram measure(HttpClient http, String url, String token, Map<String, Long> received,
                                     int alerts, int warmup, long pauseMs, String[] oblasts) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < warmup + alerts; i++) {
            String body = "{\"regions\":[\"" + oblasts[i % oblasts.length] + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ALERT_ID.matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("issue failed: " + r.statusCode() + " " + r.body());
            }
            String id = m.group(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Long at;
            while ((at = received.get(id)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("alert " + id + " never reached the subscriber");
                }
                Thread.onSpinWait();
            }
            if (i >= warmup) {
                h.recordValue(at - t0);
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs); // an idle server between alerts, as in real life
                }
            }
        }
        return h;
    }
}
