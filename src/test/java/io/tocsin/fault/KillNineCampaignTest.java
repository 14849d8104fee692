package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.bench.fanout.ChildServer;
import io.tocsin.db.Database;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.Json;
import io.tocsin.log.JdbcEventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server process at random moments while four operators write, then a restart on the same database,
 * again and again: every write that was acknowledged is in the log afterwards, with the seq and alert it was
 * acknowledged with, and the chain is intact. The number of kills is {@code -Dtocsin.kills=N} (CI runs a few; the
 * campaign in the benchmarks doc ran 20 per engine). PostgreSQL is required for its half.
 */
class KillNineCampaignTest {
    private static final int KILLS = Integer.getInteger("tocsin.kills", 3);
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.tocsin.support.PostgresSchema pg = new io.tocsin.support.PostgresSchema("tocsin_k9");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void noAcknowledgedWriteIsLostOnSqlite(@TempDir Path dir) throws Exception {
        String db = "sqlite:" + dir.resolve("kill.db");
        campaign("SQLite", db, dir);
    }

    @Test
    void noAcknowledgedWriteIsLostOnPostgres(@TempDir Path dir) throws Exception {
        campaign("PostgreSQL", pg.url(), dir);
    }

    private void campaign(String engine, String db, Path dir) throws Exception {
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        for (int kill = 0; kill <= KILLS; kill++) {
            Child child = Child.start(db, dir.resolve("server-" + kill + ".log"));
            try {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            try {
                                HttpResponse<String> r = http.send(HttpRequest.newBuilder(child.url.resolve("/api/v1/alerts"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Authorization", "Bearer " + child.token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-"
                                                + (writer == 0 ? "30" : writer == 1 ? "32" : writer == 2 ? "46" : "63")
                                                + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\",\"status\":\"test\"}"))
                                        .build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 201) {
                                    JsonNode n = Json.MAPPER.readTree(r.body());
                                    acknowledged.put(n.get("seq").asLong(), n.get("alert").get("id").asText());
                                }
                            } catch (Exception killedMidRequest) {
                                failures.incrementAndGet();
                            }
                        }
                    }));
                }
                // Let the writers run a random while, then kill the server where it stands.
                Thread.sleep(ThreadLocalRandom.current().nextLong(800, 2500));
                if (kill < KILLS) {
                    child.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
                    child.process.waitFor();
                }
                stop.set(true);
                for (Thread t : writers) {
                    t.join(30_000);
                }
            } finally {
                child.close();
            }
        }

        Map<Long, String> inLog = new HashMap<>();
        try (Database database = Database.open(db)) {
            JdbcEventLog log = new JdbcEventLog(database);
            for (List<LoggedEvent> page = log.after(0, 5000); !page.isEmpty();
                 page = log.after(page.get(page.size() - 1).seq(), 5000)) {
                page.forEach(e -> inLog.put(e.seq(), e.event().alert().id()));
            }
            assertThat(log.verify().intact()).isTrue();
        }
        long lost = acknowledged.entrySet().stream().filter(e -> !e.getValue().equals(inLog.get(e.getKey()))).count();
        System.out.printf("kill -9 campaign on %s: %d kills, %d acknowledged writes, %d lost, %d requests cut off by a"
                + " kill, log head %d%n", engine, KILLS, acknowledged.size(), lost, failures.get(), inLog.size());
        assertThat(acknowledged).isNotEmpty();
        assertThat(lost).as("acknowledged writes missing from the log").isZero();
    }

    /** The product's server in its own JVM ({@link ChildServer}), so that it can be killed with SIGKILL. */
    private record Child(Process process, URI url, String token) implements AutoCloseable {
        static Child start(String db, Path log) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), db,
                    log.resolveSibling("checkpoint-key").toString()) // one key across the restarts
                    .redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    String[] f = line.split(" ");
                    return new Child(p, URI.create(f[1]), f[2]);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.getOutputStream().write("EXIT\n".getBytes(StandardCharsets.US_ASCII));
                process.getOutputStream().flush();
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
