package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.tocsin.support.PostgresSchema;
import io.tocsin.support.Regions;
import io.tocsin.support.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL backends killed ({@code pg_terminate_backend}) in a loop while four operators write: a connection can
 * die before, during or after a commit. Every 2xx is in the log; no reply says "nothing was recorded" for a write
 * that is in the log; afterwards the board equals the fold of the log (a second server rebuilt from it) and a live
 * subscriber received every event, in order. Requires the local PostgreSQL; fails without it.
 */
class PostgresConnectionLossTest {
    private static final Duration BURST = Duration.ofSeconds(12);
    @org.junit.jupiter.api.extension.RegisterExtension
    final PostgresSchema pg = new PostgresSchema("tocsin_kill");
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path keyDir;

    private TocsinServer start() {
        // The application name marks this server's connections, so the killer touches nothing else.
        return new TocsinServer(new ServerConfig("127.0.0.1", 0,
                pg.url() + "&ApplicationName=" + app(), new ServerConfig.Limits(10, 100_000), List.of(),
                new ServerConfig.Checkpoints(keyDir.resolve("checkpoint-key"), null, 100, false)), // named: PostgreSQL
                Regions.catalog(), Clock.systemUTC()).start();
    }

    /** The application name that marks this test's server connections. */
    private String app() {
        return pg.name().replace('_', '-');
    }

    record Reply(String key, int status, String code, String detail, String alertId, long seq) {
    }

    @Test
    void terminatedBackendsDuringABurstOfWritesNeitherLoseNorInventAnything() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (TocsinServer server = start()) {
            String token = server.tokens().create(Role.ADMIN, List.of(), "kill campaign", null).bearer();
            try (SseClient live = SseClient.open(http, URI.create(server.url() + "/api/v1/stream?status=all"), null)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> server.hub().subscribers() == 1);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger kills = new AtomicInteger();
                Thread killer = Thread.ofPlatform().start(() -> {
                    try (Connection c = DriverManager.getConnection(PostgresSchema.SERVER); var st = c.createStatement()) {
                        while (!stop.get()) {
                            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                                    + " FROM pg_stat_activity WHERE application_name = '" + app() + "'")) {
                                rs.next();
                                kills.addAndGet(rs.getInt(1));
                            }
                            Thread.sleep(15);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
                List<Thread> writers = new ArrayList<>();
                long until = System.nanoTime() + BURST.toNanos();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.add(Thread.ofPlatform().start(() -> {
                        String mine = null;
                        for (int i = 0; System.nanoTime() < until; i++) {
                            String key = "w" + writer + "-" + i;
                            boolean end = mine != null && i % 3 == 2;
                            String path = end ? "/api/v1/alerts/" + mine + "/end" : "/api/v1/alerts";
                            String body = end ? "{\"reason\":\"all_clear\"}"
                                    : "{\"regions\":[\"UA-" + (writer == 0 ? "30" : writer == 1 ? "32" : writer == 2 ? "46" : "63")
                                    + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";
                            Reply r = send(http, server, token, key, path, body);
                            replies.add(r);
                            if (r.status() / 100 == 2) {
                                mine = end ? null : r.alertId();
                            }
                        }
                    }));
                }
                for (Thread t : writers) {
                    t.join(BURST.toMillis() + 120_000);
                }
                stop.set(true);
                killer.join(10_000);

                // The board catches up by itself once the database answers again.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !server.desk().behind()
                        && server.desk().board().lastSeq() == server.desk().log().lastSeq());

                Map<String, Long> keysInLog = new HashMap<>();
                Map<Long, String> alertAtSeq = new HashMap<>();
                try (Connection c = DriverManager.getConnection(pg.url()); var st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT idem_key, first_seq FROM idempotency")) {
                        while (rs.next()) {
                            keysInLog.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT seq, alert_id FROM events")) {
                        while (rs.next()) {
                            alertAtSeq.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
                int ok = 0;
                int notRecorded = 0;
                int unknown = 0;
                for (Reply r : replies) {
                    if (r.status() / 100 == 2) {
                        ok++;
                        assertThat(alertAtSeq.get(r.seq())).as("acknowledged %s", r).isEqualTo(r.alertId());
                        assertThat(keysInLog).as("key of acknowledged %s", r).containsEntry(r.key(), r.seq());
                    } else if ("outcome-unknown".equals(r.code())) {
                        unknown++;
                    } else {
                        assertThat(r.status()).as("%s", r).isIn(409, 503);
                        // A reply may claim "nothing was recorded" only when that is true.
                        if (r.detail().contains("nothing was recorded")) {
                            assertThat(keysInLog).as("a reply said 'not recorded' for a write in the log: %s", r)
                                    .doesNotContainKey(r.key());
                            notRecorded++;
                        }
                    }
                }
                System.out.printf("PostgreSQL kill campaign: %d backends terminated, %d replies: %d acknowledged,"
                        + " %d not recorded, %d outcome unknown; log head %d%n", kills.get(), replies.size(), ok,
                        notRecorded, unknown, alertAtSeq.size());
                assertThat(kills.get()).as("backends terminated").isPositive();
                assertThat(ok).isPositive();

                long head = alertAtSeq.size();
                assertThat(server.desk().board().lastSeq()).isEqualTo(head);
                List<Long> streamed = new ArrayList<>();
                for (long i = 1; i <= head; i++) {
                    streamed.add(live.next(Duration.ofSeconds(10)).id());
                }
                assertThat(streamed).isEqualTo(java.util.stream.LongStream.rangeClosed(1, head).boxed().toList());

                Set<String> board = activeIds(http, server);
                try (TocsinServer rebuilt = start()) {
                    assertThat(board).isEqualTo(activeIds(http, rebuilt));
                }
            }
        }
    }

    private static Set<String> activeIds(HttpClient http, TocsinServer s) throws Exception {
        JsonNode active = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                URI.create(s.url() + "/api/v1/alerts/active?status=all")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return new HashSet<>(active.get("alerts").findValuesAsText("id"));
    }

    private static Reply send(HttpClient http, TocsinServer s, String token, String key, String path, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.url() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = Json.MAPPER.readTree(r.body());
            if (r.statusCode() / 100 == 2) {
                return new Reply(key, r.statusCode(), null, null, n.get("alert").get("id").asText(), n.get("seq").asLong());
            }
            return new Reply(key, r.statusCode(), n.path("code").asText(), n.path("detail").asText(), null, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
