package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that retries a write it got no answer to (a timeout, a dropped connection, a restart of the server)
 * must not create a second alert: with the same Idempotency-Key it gets the original reply, concurrently and after
 * a restart; the key reused for another request is refused.
 */
class IdempotencyKeyApiTest {
    private static final String KYIV = "{\"regions\":[\"UA-30\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}";

    private static HttpResponse<String> post(RunningServer s, String token, String key, String path, String body) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static int activeCount(RunningServer s) throws Exception {
        return Json.MAPPER.readTree(s.get("/api/v1/alerts/active").body()).get("count").asInt();
    }

    @Test
    void theSameKeySentConcurrentlyAndAgainAfterARestartGivesOneAlertAndTheSameReply(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("t.db");
        String token;
        String original;
        try (RunningServer s = RunningServer.onFile(db)) {
            token = s.admin;
            int clients = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return post(s, token, "\"retry-me-1\"", "/api/v1/alerts", KYIV);
                }));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            for (Future<HttpResponse<String>> f : replies) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                // While the first is in flight a duplicate is told so (409); after it, it gets the original reply.
                assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
                if (r.statusCode() == 201) {
                    created.add(r.body());
                } else {
                    assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("idempotency-key-in-use");
                }
            }
            pool.shutdownNow();
            assertThat(created).isNotEmpty();
            assertThat(created).allSatisfy(body -> assertThat(body).isEqualTo(created.get(0)));
            original = created.get(0);
            assertThat(activeCount(s)).isEqualTo(1);

            HttpResponse<String> again = post(s, token, "retry-me-1", "/api/v1/alerts", KYIV);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(original);
        }
        try (RunningServer restarted = RunningServer.onFile(db)) {
            HttpResponse<String> afterRestart = post(restarted, token, "retry-me-1", "/api/v1/alerts", KYIV);
            assertThat(afterRestart.statusCode()).isEqualTo(201);
            assertThat(afterRestart.body()).isEqualTo(original);
            assertThat(activeCount(restarted)).isEqualTo(1);

            HttpResponse<String> otherBody = post(restarted, token, "retry-me-1", "/api/v1/alerts",
                    KYIV.replace("UA-30", "UA-46"));
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(Json.MAPPER.readTree(otherBody.body()).get("code").asText()).isEqualTo("idempotency-key-reused");

            // Keys are per token: another token's same key is a new request.
            HttpResponse<String> otherToken = post(restarted, restarted.admin, "retry-me-1", "/api/v1/alerts", KYIV);
            assertThat(otherToken.statusCode()).isEqualTo(201);
            assertThat(otherToken.body()).isNotEqualTo(original);
            assertThat(activeCount(restarted)).isEqualTo(2);
        }
    }

    @Test
    void endingTwiceWithTheSameKeyEndsOnceAndRepliesTheSame(@TempDir Path dir) throws Exception {
        try (RunningServer s = RunningServer.onFile(dir.resolve("t.db"))) {
            String id = Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin, KYIV).body()).get("alert").get("id").asText();
            HttpResponse<String> first = post(s, s.admin, "end-1", "/api/v1/alerts/" + id + "/end", "{\"reason\":\"all_clear\"}");
            HttpResponse<String> second = post(s, s.admin, "end-1", "/api/v1/alerts/" + id + "/end", "{\"reason\":\"all_clear\"}");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            // Without the key, the same request is a new decision, refused because the alert has ended.
            assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}").statusCode()).isEqualTo(409);
        }
    }

    @Test
    void aMalformedKeyIsAClientErrorNamingTheHeader(@TempDir Path dir) throws Exception {
        try (RunningServer s = RunningServer.onFile(dir.resolve("t.db"))) {
            HttpResponse<String> r = post(s, s.admin, "x".repeat(300), "/api/v1/alerts", KYIV);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("Idempotency-Key");
            assertThat(activeCount(s)).isZero();
        }
    }
}
