package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.tocsin.support.Regions;
import io.tocsin.support.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two server processes (each with its own pool, desk and board) on one log — one SQLite file, one PostgreSQL
 * schema — race to decide about the same alert. Appends are conditional on the head the decision saw, so exactly
 * one conflicting decision is recorded, expiry happens once, and each process streams the other's events.
 * PostgreSQL is required: without it the PostgreSQL case fails.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TwoProcessesOneLogTest.Engine.class)
class TwoProcessesOneLogTest {
    enum Engine { SQLITE, POSTGRESQL }

    private final Engine engine;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String database;
    private Path dir;
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.tocsin.support.PostgresSchema pg = new io.tocsin.support.PostgresSchema("tocsin_two");
    private TocsinServer a;
    private TocsinServer b;
    private String token;

    TwoProcessesOneLogTest(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void startTwoProcesses() throws Exception {
        dir = Files.createTempDirectory("tocsin-two");
        if (engine == Engine.SQLITE) {
            database = "sqlite:" + dir.resolve("shared.db");
        } else {
            database = pg.url();
        }
        a = start();
        b = start();
        token = a.tokens().create(Role.ADMIN, List.of(), "desk A and B", null).bearer();
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private TocsinServer start() {
        // PostgreSQL needs the checkpoint key named (beside an SQLite file it is found); both processes share it.
        ServerConfig.Checkpoints checkpoints = new ServerConfig.Checkpoints(
                engine == Engine.SQLITE ? null : dir.resolve("checkpoint-key"), null, 100, false);
        return new TocsinServer(new ServerConfig("127.0.0.1", 0, database, new ServerConfig.Limits(10, 100_000), List.of(),
                checkpoints), Regions.catalog(), Clock.systemUTC()).start();
    }

    private HttpResponse<String> send(TocsinServer s, String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String issue(TocsinServer s, String extra) throws Exception {
        HttpResponse<String> r = send(s, "POST", "/api/v1/alerts",
                "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(r.body()).get("alert").get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.desk().board().find(id).isPresent()
                && b.desk().board().find(id).isPresent());
        return id;
    }

    /** Sends both requests at the same moment, one to each process. */
    private List<HttpResponse<String>> race(String method, String pathA, String bodyA, String pathB, String bodyB) {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> ra = CompletableFuture.supplyAsync(() -> {
            gate(go);
            return send(a, method, pathA, bodyA);
        });
        CompletableFuture<HttpResponse<String>> rb = CompletableFuture.supplyAsync(() -> {
            gate(go);
            return send(b, method, pathB, bodyB);
        });
        go.countDown();
        return List.of(ra.join(), rb.join());
    }

    private static void gate(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isActive(TocsinServer s, String id) {
        return s.desk().board().active().stream().anyMatch(alert -> alert.id().equals(id));
    }

    private List<LoggedEvent> eventsOf(String alertId) {
        return a.desk().log().forAlert(alertId);
    }

    @Test
    void twoProcessesEndingTheSameAlertRecordExactlyOneEnd() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = issue(round % 2 == 0 ? a : b, "");
            List<HttpResponse<String>> replies = race("POST", "/api/v1/alerts/" + id + "/end", "{\"reason\":\"all_clear\"}",
                    "/api/v1/alerts/" + id + "/end", "{\"reason\":\"false_alarm\"}");

            assertThat(replies).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
            assertThat(eventsOf(id)).extracting(e -> e.event().type()).containsExactly(EventType.ISSUED, EventType.ENDED);
            await().atMost(Duration.ofSeconds(10)).until(() -> !isActive(a, id) && !isActive(b, id));
        }
    }

    @Test
    void anUpdateRacingAnEndIsNeverRecordedAfterTheEnd() throws Exception {
        // An update on A and an end on B at the same moment.
        for (int round = 0; round < 5; round++) {
            String id = issue(b, "");
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> update = CompletableFuture.supplyAsync(() -> {
                gate(go);
                return send(a, "PATCH", "/api/v1/alerts/" + id, "{\"headline\":{\"uk\":\"Оновлено\",\"en\":\"Updated\"}}");
            });
            CompletableFuture<HttpResponse<String>> end = CompletableFuture.supplyAsync(() -> {
                gate(go);
                return send(b, "POST", "/api/v1/alerts/" + id + "/end", "{\"reason\":\"all_clear\"}");
            });
            go.countDown();
            assertThat(end.join().statusCode()).isEqualTo(200);
            int updateStatus = update.join().statusCode();
            List<EventType> types = eventsOf(id).stream().map(e -> e.event().type()).toList();
            assertThat(types).as("update answered %d", updateStatus).endsWith(EventType.ENDED);
            assertThat(types.stream().filter(t -> t == EventType.ENDED)).hasSize(1);
            assertThat(types.contains(EventType.UPDATED)).isEqualTo(updateStatus == 200);
        }
    }

    @Test
    void expiryHappensOnceHoweverManyProcessesWatchTheClock() throws Exception {
        List<String> ids = new ArrayList<>();
        String expires = Instant.now().plusSeconds(2).toString();
        for (int i = 0; i < 4; i++) {
            ids.add(issue(i % 2 == 0 ? a : b, ",\"expires_at\":\"" + expires + "\""));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> !isActive(a, id) && !isActive(b, id)));
        for (String id : ids) {
            assertThat(eventsOf(id)).extracting(e -> e.event().type()).containsExactly(EventType.ISSUED, EventType.ENDED);
        }
    }

    @Test
    void eachProcessStreamsTheEventsTheOtherRecorded() throws Exception {
        try (SseClient onB = SseClient.open(http, URI.create(b.url() + "/api/v1/stream"), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> b.hub().subscribers() == 1);
            HttpResponse<String> r = send(a, "POST", "/api/v1/alerts",
                    "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
            JsonNode issued = Json.MAPPER.readTree(r.body());

            SseClient.SseEvent got = onB.next(Duration.ofSeconds(10));
            assertThat(got.id()).isEqualTo(issued.get("seq").asLong());
            assertThat(got.alertId()).isEqualTo(issued.get("alert").get("id").asText());
        }
    }
}
