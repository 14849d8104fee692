package io.tocsin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.NodeProcess;
import io.tocsin.support.PrivateNats;
import io.tocsin.support.SseClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Nodes of one cluster as separate processes on one PostgreSQL schema and a private NATS server; the helpers the
 * cluster tests share (writes, streams, /health).
 */
final class ClusterHarness implements AutoCloseable {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Path dir;
    final PrivateNats nats;
    final String db;
    final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> streams = new CopyOnWriteArrayList<>();

    ClusterHarness(String db) throws Exception {
        this.db = db;
        this.dir = Files.createTempDirectory("tocsin-cluster");
        this.nats = new PrivateNats(dir).start();
    }

    NodeProcess startNode(int leaseSeconds) throws Exception {
        NodeProcess n = NodeProcess.start(db, nats.url(), dir.resolve("checkpoint-key"), leaseSeconds,
                dir.resolve("node-" + nodes.size() + ".log"));
        nodes.add(n);
        return n;
    }

    HttpResponse<String> send(NodeProcess n, String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(n.uri(path)).header("Authorization", "Bearer " + n.token())
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " on " + n.url() + ": " + e, e);
        }
    }

    /** An acknowledged write. */
    record Acked(long seq, String alertId) {
    }

    /** Issues an alert on {@code n}. */
    Acked issue(NodeProcess n, String region, String extra) throws Exception {
        HttpResponse<String> r = send(n, "POST", "/api/v1/alerts", "{\"regions\":[\"" + region
                + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = Json.MAPPER.readTree(r.body());
        return new Acked(body.get("seq").asLong(), body.get("alert").get("id").asText());
    }

    JsonNode health(NodeProcess n) {
        try {
            return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(n.uri("/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream on {@code n} whose every event is collected (closed with the harness). */
    Collected subscribe(NodeProcess n, String lastEventId) {
        SseClient c = SseClient.open(http, n.uri("/api/v1/stream"), lastEventId);
        assertThat(c.status).isEqualTo(200);
        Collected got = new Collected(c);
        streams.add(got);
        return got;
    }

    /** Every event a stream delivered, in arrival order. */
    static final class Collected implements AutoCloseable {
        final List<Long> seqs = new CopyOnWriteArrayList<>();
        private final SseClient client;
        private final Thread reader;

        Collected(SseClient client) {
            this.client = client;
            this.reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        SseClient.SseEvent e = client.poll(Duration.ofSeconds(1));
                        if (e != null && e.id() > 0) {
                            seqs.add(e.id());
                        }
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        boolean hasAll(List<Long> wanted) {
            return new ArrayList<>(seqs).containsAll(wanted);
        }

        @Override
        public void close() {
            reader.interrupt();
            client.close();
        }
    }

    /** Each seq once, rising: exactly once, in order. */
    static void assertOnceInOrder(List<Long> seqs) {
        List<Long> copy = new ArrayList<>(seqs);
        for (int i = 1; i < copy.size(); i++) {
            assertThat(copy.get(i)).as("delivered %s", copy).isGreaterThan(copy.get(i - 1));
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable s : streams) {
            s.close();
        }
        for (NodeProcess n : nodes) {
            n.close();
        }
        nats.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
