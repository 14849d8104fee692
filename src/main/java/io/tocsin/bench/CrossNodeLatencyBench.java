package io.tocsin.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publish → first delivery across the nodes of a running cluster: one SSE subscriber on every node, alerts issued
 * on the first node one after another, and per alert the time from sending the POST until the subscriber on each
 * other node reads the event (the same client clock at both ends). Each alert is ended again, so the board stays
 * small; the ends are not measured.
 */
public final class CrossNodeLatencyBench {
    private CrossNodeLatencyBench() {
    }

    /** One histogram (ns) per other node, in the order given. */
    public static List<Histogram> run(List<URI> nodes, String token, int alerts, int warmup, long pauseMs)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Map<Long, Long>> arrivals = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(nodes.size() - 1);
        for (URI node : nodes.subList(1, nodes.size())) {
            Map<Long, Long> seen = new ConcurrentHashMap<>();
            arrivals.add(seen);
            HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(node.resolve("/api/v1/stream"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            readers.add(Thread.ofPlatform().daemon().start(() -> read(res.body(), seen, open)));
        }
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the streams did not open");
        }
        List<Histogram> out = new ArrayList<>();
        for (int i = 0; i < nodes.size() - 1; i++) {
            out.add(new Histogram(60_000_000_000L, 3));
        }
        for (int i = 0; i < warmup + alerts; i++) {
            long sent = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(nodes.get(0).resolve("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("issue answered " + r.statusCode() + ": " + r.body());
            }
            long seq = Long.parseLong(r.body().replaceAll("(?s)^\\{\"seq\":(\\d+).*", "$1"));
            String id = r.body().replaceAll("(?s).*?\"alert\":\\{\"id\":\"([^\"]+)\".*", "$1");
            for (int n = 0; n < arrivals.size(); n++) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                Long at;
                while ((at = arrivals.get(n).get(seq)) == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (at == null) {
                    throw new IllegalStateException("seq " + seq + " never reached " + nodes.get(n + 1));
                }
                if (i >= warmup) {
                    out.get(n).recordValue(Math.max(0, at - sent));
                }
            }
            http.send(HttpRequest.newBuilder(nodes.get(0).resolve("/api/v1/alerts/" + id + "/end"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"all_clear\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
        }
        readers.forEach(Thread::interrupt);
        return out;
    }

    private static void read(InputStream body, Map<Long, Long> seen, CountDownLatch open) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(": open")) {
                    open.countDown();
                } else if (line.startsWith("id: ")) {
                    seen.putIfAbsent(Long.parseLong(line.substring(4).trim()), System.nanoTime());
                }
            }
        } catch (Exception closed) {
            // the run is over
        }
    }
}
