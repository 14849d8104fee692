package io.tocsin.push;

import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.StandardWebhooksVerifier;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The webhook API's rules: who manages what, the secret shown once, rotation, filters, redelivery, deletion. */
class WebhookApiTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void integratorsManageOnlyTheirOwnAndOperatorsNone() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.1/32"));
            try {
                String alice = s.token(Role.INTEGRATOR, List.of(), "alice");
                String bob = s.token(Role.INTEGRATOR, List.of(), "bob");
                String op = s.token(Role.OPERATOR, List.of("UA-46"), "op");
                var created = s.post("/api/v1/webhooks", alice, "{\"url\":\"" + receiver.url("/a") + "\"}");
                assertThat(created.statusCode()).isEqualTo(201);
                String id = json(created).get("id").asText();
                assertThat(json(s.getAuth("/api/v1/webhooks/" + id, alice)).has("secret")).as("shown once").isFalse();
                assertThat(s.getAuth("/api/v1/webhooks/" + id, bob).statusCode()).isEqualTo(404);
                assertThat(json(s.getAuth("/api/v1/webhooks/" + id, bob)).get("code").asText())
                        .isEqualTo("webhook-not-found");
                assertThat(json(s.getAuth("/api/v1/webhooks", bob)).get("webhooks")).isEmpty();
                assertThat(json(s.getAuth("/api/v1/webhooks", s.admin)).get("webhooks")).hasSize(1);
                assertThat(s.getAuth("/api/v1/webhooks", op).statusCode()).isEqualTo(403);
                assertThat(s.delete("/api/v1/webhooks/" + id, bob).statusCode()).isEqualTo(404);
                assertThat(s.post("/api/v1/webhooks", alice, "{\"url\":\"" + receiver.url("/a")
                        + "\",\"regions\":[\"UA-99\"]}").statusCode()).isEqualTo(422);
                assertThat(s.post("/api/v1/webhooks", alice, "{\"url\":\"" + receiver.url("/a")
                        + "\",\"colour\":1}").statusCode()).isEqualTo(400);
                assertThat(s.delete("/api/v1/webhooks/" + id, alice).statusCode()).isEqualTo(204);
                assertThat(s.getAuth("/api/v1/webhooks/" + id, alice).statusCode()).isEqualTo(404);
            } finally {
                s.server.stop();
            }
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneAndFiltersHoldAndAMessageCanBeRedelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.1/32"));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/a")
                        + "\",\"regions\":[\"UA-46\"]}");
                String id = json(created).get("id").asText();
                String oldSecret = json(created).get("secret").asText();
                var rotated = s.patch("/api/v1/webhooks/" + id, s.admin, "{\"rotate_secret\":true}");
                assertThat(rotated.statusCode()).isEqualTo(200);
                String newSecret = json(rotated).get("secret").asText();
                assertThat(newSecret).isNotEqualTo(oldSecret);

                // Kyiv is outside the filter: only the Lviv events come.
                var kyiv = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
                assertThat(kyiv.statusCode()).isEqualTo(201);
                List<Long> seqs = WebhookDeliveryUnderFaultsTest.issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> WebhookDeliveryUnderFaultsTest.acceptedSeqs(receiver)
                        .containsAll(seqs));
                assertThat(WebhookDeliveryUnderFaultsTest.acceptedSeqs(receiver)).containsExactlyInAnyOrderElementsOf(seqs);
                var r = receiver.received().get(0);
                long now = Instant.now().getEpochSecond();
                assertThat(r.signature().split(" ")).hasSize(2);
                assertThat(new StandardWebhooksVerifier(newSecret).verify(r.id(), r.timestamp(), r.signature(),
                        r.body(), now)).isTrue();
                assertThat(new StandardWebhooksVerifier(oldSecret).verify(r.id(), r.timestamp(), r.signature(),
                        r.body(), now)).isTrue();

                await().atMost(WAIT).until(() -> !WebhookDeliveryUnderFaultsTest.deliveries(s, id).isEmpty());
                var again = s.post("/api/v1/webhooks/" + id + "/messages/" + r.id() + "/redeliver", s.admin, "");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
                await().atMost(WAIT).until(() -> receiver.received().stream().filter(x -> x.id().equals(r.id()))
                        .count() == 2);
                assertThat(s.post("/api/v1/webhooks/" + id + "/messages/msg_nope/redeliver", s.admin, "")
                        .statusCode()).isEqualTo(404);
            } finally {
                s.server.stop();
            }
        }
    }

    @Test
    void aQuietSubscriptionWithAHeartbeatHearsOneSoItCanTellQuietFromDown() throws Exception {
        PushTestServers.MovableClock clock = new PushTestServers.MovableClock();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            RunningServer s = RunningServer.started(PushTestServers.server(dir.resolve("t.db"), clock,
                    List.of("127.0.0.1/32"), null));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/a")
                        + "\",\"heartbeat_seconds\":60}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String secret = json(created).get("secret").asText();
                Thread.sleep(600);
                assertThat(receiver.received()).as("not yet due").isEmpty();
                clock.advance(Duration.ofSeconds(61));
                s.server.webhooks().wake();
                await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
                var beat = receiver.received().get(0);
                assertThat(io.tocsin.json.Json.MAPPER.readTree(beat.body()).get("type").asText()).isEqualTo("heartbeat");
                assertThat(new StandardWebhooksVerifier(secret).verify(beat.id(), beat.timestamp(), beat.signature(),
                        beat.body(), Long.parseLong(beat.timestamp()))).isTrue();
                assertThat(s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/a")
                        + "\",\"heartbeat_seconds\":5}").statusCode()).isEqualTo(400);
            } finally {
                s.server.stop();
            }
        }
    }
}
