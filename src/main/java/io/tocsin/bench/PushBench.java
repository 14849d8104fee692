package io.tocsin.bench;

import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Push benchmarks on a fresh SQLite server (durability on), all on loopback:
 * <ul>
 *   <li>{@link #webhooks}: issue → every one of N webhook subscriptions received it, N endpoints held by one local
 *   receiver (a Vert.x HTTP server in this JVM, on its own event loop); per alert the first, median, 99th
 *   percentile and last arrival over the N receivers;</li>
 *   <li>{@link #mqtt}: issue → the region's retained state, under alert, visible to an MQTT subscriber.</li>
 * </ul>
 * Times start before the POST is sent, so they include the durable commit and the HTTP round trip.
 */
public final class PushBench {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private PushBench() {
    }

    /** Per measured alert: first, p50, p99 and last arrival over the receivers, in nanoseconds. */
    public record FanoutFigures(List<long[]> perAlert, int receivers) {
    }

    public static FanoutFigures webhooks(int receivers, int alerts, int warmup) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicLongArray arrived = new AtomicLongArray(receivers);
        java.util.concurrent.atomic.AtomicLong wanted = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            long now = System.nanoTime();
            // webhook-id is msg_<subscription>_<seq>; the path says which endpoint this is.
            String id = req.getHeader("webhook-id");
            int endpoint = Integer.parseInt(req.path().substring("/hook/".length()));
            long seq = Long.parseLong(id.substring(id.lastIndexOf('_') + 1));
            if (seq == wanted.get() && arrived.compareAndSet(endpoint, 0, now)) {
                count.incrementAndGet();
            }
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String db = "sqlite:" + Files.createTempDirectory("tocsin-bench").resolve("bench.db");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, db, new ServerConfig.Limits(10, 1_000_000), List.of())
                .withPush(new ServerConfig.Push(List.of("127.0.0.1/32"), null));
        try (TocsinServer server = new TocsinServer(config, RegionCatalog.load(), Clock.systemUTC()).start()) {
            String token = server.tokens().create(Role.ADMIN, List.of(), "bench", null).bearer();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < receivers; i++) {
                String url = "http://127.0.0.1:" + receiver.actualPort() + "/hook/" + i;
                HttpResponse<String> r = post(http, server.url() + "/api/v1/webhooks", token, "{\"url\":\"" + url + "\"}");
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("subscribing failed: " + r.statusCode() + " " + r.body());
                }
            }
            List<long[]> out = new ArrayList<>();
            String[] oblasts = {"UA-05", "UA-07", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32"};
            for (int i = 0; i < warmup + alerts; i++) {
                for (int e = 0; e < receivers; e++) {
                    arrived.set(e, 0);
                }
                count.set(0);
                long next = server.desk().log().lastSeq() + 1;
                wanted.set(next);
                long t0 = System.nanoTime();
                HttpResponse<String> r = post(http, server.url() + "/api/v1/alerts", token, "{\"regions\":[\""
                        + oblasts[i % oblasts.length] + "\"],\"threat\":\"air_raid\"}");
                Matcher m = SEQ.matcher(r.body());
                if (r.statusCode() != 201 || !m.find() || Long.parseLong(m.group(1)) != next) {
                    throw new IllegalStateException("issue failed (or another writer): " + r.statusCode() + " " + r.body());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (count.get() < receivers) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + count.get() + " of " + receivers + " received seq " + next);
                    }
                    Thread.sleep(1);
                }
                if (i >= warmup) {
                    long[] t = new long[receivers];
                    for (int e = 0; e < receivers; e++) {
                        t[e] = arrived.get(e) - t0;
                    }
                    Arrays.sort(t);
                    out.add(new long[]{t[0], t[receivers / 2], t[(int) Math.ceil(receivers * 0.99) - 1],
                            t[receivers - 1]});
                }
            }
            double failed = server.meterRegistry().find("tocsin_webhook_deliveries_total").counters().stream()
                    .filter(c -> !"delivered".equals(c.getId().getTag("outcome"))).mapToDouble(c -> c.count()).sum();
            if (failed > 0) {
                System.out.printf("  %d attempts failed and were retried (the slowest receivers are those)%n",
                        (long) failed);
                server.meterRegistry().find("tocsin_webhook_deliveries_total").counters().stream()
                        .filter(c -> !"delivered".equals(c.getId().getTag("outcome"))).limit(1)
                        .forEach(c -> System.out.println("  e.g. " + c.getId()));
            }
            return new FanoutFigures(out, receivers);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    public static Histogram mqtt(String broker, int alerts, int warmup) throws Exception {
        String db = "sqlite:" + Files.createTempDirectory("tocsin-bench").resolve("bench.db");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, db, new ServerConfig.Limits(10, 1_000_000), List.of())
                .withPush(new ServerConfig.Push(List.of(), ServerConfig.Mqtt.at(broker)));
        Map<String, String> latest = new ConcurrentHashMap<>();
        Map<String, Long> at = new ConcurrentHashMap<>();
        try (TocsinServer server = new TocsinServer(config, RegionCatalog.load(), Clock.systemUTC()).start()) {
            MqttClient sub = new MqttClient(broker, "tocsin-bench-" + System.nanoTime(), new MemoryPersistence());
            sub.connect(new MqttConnectOptions());
            sub.subscribe("tocsin/regions/+/state", 1, (topic, msg) -> {
                long now = System.nanoTime();
                latest.put(topic, new String(msg.getPayload(), StandardCharsets.UTF_8));
                at.put(topic, now);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!server.mqtt().connected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bridge did not connect to " + broker);
                }
                Thread.sleep(10);
            }
            String token = server.tokens().create(Role.ADMIN, List.of(), "bench", null).bearer();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            String[] oblasts = {"UA-05", "UA-07", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32"};
            for (int i = 0; i < warmup + alerts; i++) {
                String region = oblasts[i % oblasts.length];
                String topic = "tocsin/regions/" + region + "/state";
                long t0 = System.nanoTime();
                HttpResponse<String> r = post(http, server.url() + "/api/v1/alerts", token, "{\"regions\":[\""
                        + region + "\"],\"threat\":\"air_raid\"}");
                Matcher m = SEQ.matcher(r.body());
                if (r.statusCode() != 201 || !m.find()) {
                    throw new IllegalStateException("issue failed: " + r.statusCode() + " " + r.body());
                }
                long seq = Long.parseLong(m.group(1));
                long seen = waitFor(latest, at, topic, seq, true);
                if (i >= warmup) {
                    h.recordValue(seen - t0);
                }
                String id = r.body().replaceAll("(?s).*\"alert\":\\{\"id\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> end = post(http, server.url() + "/api/v1/alerts/" + id + "/end", token,
                        "{\"reason\":\"all_clear\"}");
                Matcher e = SEQ.matcher(end.body());
                if (end.statusCode() != 200 || !e.find()) {
                    throw new IllegalStateException("end failed: " + end.statusCode() + " " + end.body());
                }
                waitFor(latest, at, topic, Long.parseLong(e.group(1)), false);
            }
            sub.disconnect();
            sub.close();
            return h;
        }
    }

    /** Waits for the state on {@code topic} as of {@code seq} or later; returns the nanoTime it arrived. */
    private static long waitFor(Map<String, String> latest, Map<String, Long> at, String topic, long seq,
                                boolean underAlert) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String s = latest.get(topic);
            if (s != null) {
                Matcher m = SEQ.matcher(s);
                if (m.find() && Long.parseLong(m.group(1)) >= seq && s.contains("\"under_alert\":" + underAlert)) {
                    return at.get(topic);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the state of " + topic + " at seq " + seq + " never arrived");
            }
            Thread.onSpinWait();
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
