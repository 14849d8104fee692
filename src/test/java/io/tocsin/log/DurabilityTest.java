package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero acknowledged events lost under kill -9: the real server runs as a separate JVM on an SQLite file, acknowledges
 * a burst of concurrent writes, is SIGKILLed right after the last acknowledgement (no shutdown hook, no close), and
 * on restart every acknowledged seq and alert is there; then {@code audit verify} proves the chain, and names the
 * row a tamperer changed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurabilityTest {
    private static final Pattern LISTENING = Pattern.compile("Tocsin listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prime, so no plausible batch size of a (wrongly) deferred writer divides it and hides the loss. */
    private static final int WRITES = 199;
    private static final int IN_FLIGHT = 8;
    private static final String BODY = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void killEveryChild() throws InterruptedException {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : children) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        http.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineAndTheAuditChainProvesIntegrity() throws Exception {
        Path file = dir.resolve("t.db");
        String db = "sqlite:" + file;

        Cli token = cli("token", "create", "--role", "admin", "--name", "t", "--db", db);
        assertThat(token.exit).as(token.toString()).isZero();
        String bearer = token.out.strip();
        assertThat(bearer).as(token.toString()).startsWith("tcs_");

        // 1. A burst of concurrent writes; remember what was acknowledged.
        Server first = serve(db);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch answered = new CountDownLatch(WRITES);
        Semaphore window = new Semaphore(IN_FLIGHT);
        HttpRequest post = HttpRequest.newBuilder(first.uri("/api/v1/alerts"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        AtomicInteger throttled = new AtomicInteger();
        for (int i = 0; i < WRITES; i++) {
            window.acquire();
            postUntilAnswered(post, throttled).whenComplete((resp, err) -> {
                try {
                    if (err != null) {
                        failures.add("request failed: " + err);
                    } else if (resp.statusCode() != 201) {
                        failures.add(resp.statusCode() + " " + resp.body());
                    } else {
                        JsonNode ev = JSON.readTree(resp.body());
                        String previous = acknowledged.put(ev.get("seq").asLong(), ev.at("/alert/id").asText());
                        if (previous != null) {
                            failures.add("seq " + ev.get("seq") + " acknowledged twice");
                        }
                    }
                } catch (IOException e) {
                    failures.add("unreadable 201 body: " + e);
                } finally {
                    window.release();
                    answered.countDown();
                }
            });
        }
        assertThat(answered.await(40, TimeUnit.SECONDS)).as("all %d writes answered", WRITES).isTrue();

        // 2. kill -9 right after the last acknowledgement: no graceful stop, no shutdown hook.
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(ProcessHandle.of(first.process.pid()).filter(ProcessHandle::isAlive)).isEmpty();

        assertThat(failures).as("every write acknowledged with 201").isEmpty();
        assertThat(acknowledged).hasSize(WRITES);
        assertThat(acknowledged.keySet())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, WRITES).boxed().toList());
        assertThat(new HashSet<>(acknowledged.values())).hasSize(WRITES);

        // 3. Restart on the same file: every acknowledged event is in the log and every alert on the board.
        Server second = serve(db);
        Map<Long, String> logged = new TreeMap<>();
        long after = 0;
        int pages = 0;
        while (true) {
            JsonNode page = get(second, "/api/v1/events?after=" + after + "&limit=64");
            for (JsonNode ev : page.get("events")) {
                assertThat(ev.get("type").asText()).isEqualTo("alert.issued");
                assertThat(logged.put(ev.get("seq").asLong(), ev.at("/alert/id").asText()))
                        .as("seq %s appears once", ev.get("seq")).isNull();
            }
            pages++;
            if (!page.get("more").asBoolean()) {
                break;
            }
            assertThat(page.get("next").asLong()).isGreaterThan(after);
            after = page.get("next").asLong();
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(logged).containsAllEntriesOf(acknowledged);

        JsonNode active = get(second, "/api/v1/alerts/active");
        Set<String> activeIds = new HashSet<>();
        active.get("alerts").forEach(a -> activeIds.add(a.get("id").asText()));
        assertThat(activeIds).containsAll(acknowledged.values());
        assertThat(active.get("seq").asLong()).isGreaterThanOrEqualTo(WRITES);

        // 4. Stop the server; the audit proves the chain intact.
        second.process.destroy();
        if (!second.process.waitFor(15, TimeUnit.SECONDS)) {
            second.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Cli ok = cli("audit", "verify", "--db", db);
        assertThat(ok.exit).as(ok.toString()).isZero();
        assertThat(ok.out).startsWith("OK").contains(logged.size() + " events");

        // 5. A tamperer edits one row behind the product's back: the audit fails and names it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             PreparedStatement st = c.prepareStatement(
                     "UPDATE events SET payload = replace(payload, 'drones', 'cruise_missile') WHERE seq = 17")) {
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        Cli broken = cli("audit", "verify", "--db", db);
        assertThat(broken.exit).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out).startsWith("BROKEN at seq 17:").doesNotStartWith("OK");
    }

    // ---- child processes ----

    private record Server(Process process, int port, StringBuffer out, Path err) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    private record Cli(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java")));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.tocsin.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TOCSIN_DB");
        pb.environment().remove("TOCSIN_PORT");
        pb.environment().remove("TOCSIN_HOST");
        // A real burst once serve reads this (documented in ServerConfig.Limits); until then 429s are retried.
        pb.environment().put("TOCSIN_WRITES_PER_SECOND", "100000");
        return pb;
    }

    private Cli cli(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = java(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        children.add(p);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            fail("tocsin " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Server serve(String db) throws Exception {
        Path err = Files.createTempFile(dir, "serve", ".err");
        Process p = java("serve", "--port", "0", "--db", db).redirectError(err.toFile()).start();
        children.add(p);
        StringBuffer out = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process died; the future below reports it
            } finally {
                port.completeExceptionally(new IllegalStateException("server stdout closed before it was ready"));
            }
        }, "serve-stdout-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new Server(p, port.get(30, TimeUnit.SECONDS), out, err);
        } catch (Exception e) {
            throw new AssertionError("the server did not start: " + e + "\n--- stdout\n" + out + "\n--- stderr\n"
                    + Files.readString(err), e);
        }
    }

    /**
     * Sends the write until the server answers something other than 429: the per-address write limit (50/s by
     * default) refuses part of a burst, and a refused write is simply not acknowledged, so it is sent again.
     */
    private CompletableFuture<HttpResponse<String>> postUntilAnswered(HttpRequest post, AtomicInteger throttled) {
        return http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).thenCompose(resp -> {
            if (resp.statusCode() != 429) {
                return CompletableFuture.completedFuture(resp);
            }
            throttled.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> postUntilAnswered(post, throttled));
        });
    }

    private JsonNode get(Server s, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
