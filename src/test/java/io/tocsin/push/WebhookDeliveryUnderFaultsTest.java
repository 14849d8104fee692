package io.tocsin.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.StandardWebhooksVerifier;
import io.tocsin.support.WebhookReceiver;
import io.tocsin.support.WebhookReceiver.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook guarantee under its faults: a receiver that fails about half of the deliveries, times out on some and
 * is slow on others, and Tocsin restarted in the middle. Every event reaches the receiver at least once, in order,
 * every request's signature checks out with a verifier written from the Standard Webhooks spec, and a retry carries
 * the same webhook-id and body as the first try.
 */
class WebhookDeliveryUnderFaultsTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void everyEventIsDeliveredAtLeastOnceInOrderAndSignedThroughFailuresTimeoutsAndARestart() throws Exception {
        Random random = new Random(12);
        AtomicInteger accepted = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> {
            int roll = random.nextInt(100);
            if (roll < 45) {
                return Answer.status(roll < 30 ? 500 : 503);
            }
            if (roll < 55) {
                return new Answer(200, 2500, null); // past Tocsin's 1 s total timeout: a failed attempt
            }
            accepted.incrementAndGet();
            return new Answer(200, roll < 70 ? 300 : 0, null); // slow, but in time; or prompt
        })) {
            Path db = dir.resolve("t.db");
            List<Long> seqs = new ArrayList<>();
            String id;
            String secret;
            RunningServer s = PushTestServers.start(db, List.of("127.0.0.1/32"));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/hook") + "\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                id = json(created).get("id").asText();
                secret = json(created).get("secret").asText();
                assertThat(secret).startsWith("whsec_");
                seqs.addAll(issueAndEnd(s, 3));
            } finally {
                s.server.stop();
            }
            long restarted = System.nanoTime();
            RunningServer again = PushTestServers.start(db, List.of("127.0.0.1/32"));
            try {
                seqs.addAll(issueAndEnd(again, 3));
                StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret);
                await().atMost(WAIT).until(() -> acceptedSeqs(receiver).containsAll(seqs));

                List<WebhookReceiver.Received> all = receiver.received();
                Map<String, String> bodyOfId = new HashMap<>();
                Set<Long> acceptedSoFar = new HashSet<>();
                TreeSet<Long> outstanding = new TreeSet<>(seqs);
                for (WebhookReceiver.Received r : all) {
                    long now = Instant.now().getEpochSecond();
                    assertThat(verifier.verify(r.id(), r.timestamp(), r.signature(), r.body(), now))
                            .as("signature of %s", r.id()).isTrue();
                    // One id, one body, on every retry and across the restart.
                    String earlier = bodyOfId.putIfAbsent(r.id(), r.text());
                    assertThat(earlier == null || earlier.equals(r.text())).as("same body for " + r.id()).isTrue();
                    long seq = Json.MAPPER.readTree(r.body()).get("seq").asLong();
                    // In order: a request is either the oldest event not yet accepted, or a repeat of one that was.
                    assertThat(seq == outstanding.first() || acceptedSoFar.contains(seq))
                            .as("seq %d sent while %d was outstanding", seq, outstanding.first()).isTrue();
                    if (r.answer().status() == 200 && r.answer().delayMs() < 1000) {
                        acceptedSoFar.add(seq);
                        outstanding.remove(seq);
                        if (outstanding.isEmpty()) {
                            outstanding.add(Long.MAX_VALUE);
                        }
                    }
                }
                assertThat(all.stream().filter(r -> r.answer().status() >= 500).count()).as("failures were served")
                        .isPositive();
                assertThat(all.stream().filter(r -> r.answer().delayMs() > 1000).count()).as("timeouts were served")
                        .isPositive();

                // The delivery log names the failures and the successes, with their status and latency.
                // (An attempt in flight when the first server stopped has no entry: it never completed there.)
                await().atMost(WAIT).until(() -> deliveries(again, id).stream()
                        .filter(d -> d.get("outcome").asText().equals("delivered"))
                        .map(d -> d.get("seq").asLong()).toList().containsAll(seqs));
                List<JsonNode> log = deliveries(again, id);
                assertThat(log).anySatisfy(d -> assertThat(d.get("outcome").asText()).isEqualTo("failed"));
                assertThat(log).anySatisfy(d -> {
                    assertThat(d.get("outcome").asText()).isEqualTo("delivered");
                    assertThat(d.get("status").asInt()).isEqualTo(200);
                    assertThat(d.get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
                });
                if (all.stream().anyMatch(r -> r.answer().delayMs() > 1000 && r.arrivedNanos() > restarted)) {
                    // (One timed out before the restart may have been in flight when the first server stopped.)
                    await().atMost(WAIT).until(() -> deliveries(again, id).stream()
                            .anyMatch(d -> d.get("error").asText().contains("no response within")));
                }
            } finally {
                again.server.stop();
            }
        }
    }

    @Test
    void theIndependentVerifierRefusesATamperedBodyAndAnOldTimestamp() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.1/32"));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/hook") + "\"}");
                String secret = json(created).get("secret").asText();
                issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
                WebhookReceiver.Received r = receiver.received().get(0);
                StandardWebhooksVerifier v = new StandardWebhooksVerifier(secret);
                long now = Instant.now().getEpochSecond();
                assertThat(v.verify(r.id(), r.timestamp(), r.signature(), r.body(), now)).isTrue();
                byte[] tampered = r.text().replace("UA-46", "UA-32").getBytes(StandardCharsets.UTF_8);
                assertThat(v.verify(r.id(), r.timestamp(), r.signature(), tampered, now)).isFalse();
                assertThat(v.verify(r.id(), r.timestamp(), r.signature(), r.body(), now + 3600)).as("replayed later")
                        .isFalse();
                assertThat(v.verify(r.id() + "x", r.timestamp(), r.signature(), r.body(), now)).isFalse();
                assertThat(new StandardWebhooksVerifier("whsec_" + java.util.Base64.getEncoder()
                        .encodeToString(new byte[32])).verify(r.id(), r.timestamp(), r.signature(), r.body(), now))
                        .as("another secret").isFalse();
            } finally {
                s.server.stop();
            }
        }
    }

    /** Issues and ends {@code n} alerts on UA-46; returns the seqs of the 2n events. */
    static List<Long> issueAndEnd(RunningServer s, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            out.add(json(issued).get("seq").asLong());
            String alert = json(issued).get("alert").get("id").asText();
            var ended = s.post("/api/v1/alerts/" + alert + "/end", s.admin, "{\"reason\":\"all_clear\"}");
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
            out.add(json(ended).get("seq").asLong());
        }
        return out;
    }

    static Set<Long> acceptedSeqs(WebhookReceiver receiver) {
        Set<Long> out = new HashSet<>();
        for (var r : receiver.received()) {
            if (r.answer().status() == 200 && r.answer().delayMs() < 1000) {
                try {
                    out.add(Json.MAPPER.readTree(r.body()).get("seq").asLong());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static List<JsonNode> deliveries(RunningServer s, String id) {
        var res = s.getAuth("/api/v1/webhooks/" + id + "/deliveries?limit=1000", s.admin);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        json(res).get("deliveries").forEach(out::add);
        return out;
    }
}
