package io.tocsin.push;

import io.tocsin.db.Database;
import io.tocsin.domain.Status;
import io.tocsin.push.webhook.Webhook;
import io.tocsin.push.webhook.WebhookStore;
import io.tocsin.support.RunningServer;
import io.tocsin.support.WebhookReceiver;
import io.tocsin.support.WebhookReceiver.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSRF guard without an allow-list for the address in question: private, metadata and loopback targets are
 * refused when the subscription is made, a redirect to loopback is not followed, and a target that has come to
 * resolve to loopback since it was checked is refused again when connecting. No request is ever sent to 10.x.
 */
class WebhookSsrfGuardTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void privateMetadataAndLoopbackTargetsAreRefusedWhenSubscribing() {
        RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of());
        try {
            for (String url : List.of("http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/",
                    "http://localhost:8080/hook", "http://127.0.0.1/hook", "http://[::1]/hook",
                    "http://192.168.1.1/", "http://0.0.0.0/", "ftp://example.org/", "http://user:pw@example.org/")) {
                var res = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + url + "\"}");
                assertThat(res.statusCode()).as(url + ": " + res.body()).isEqualTo(422);
                assertThat(json(res).get("code").asText()).isEqualTo("webhook-target-refused");
            }
            var metadata = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"http://169.254.169.254/\"}");
            assertThat(json(metadata).get("detail").asText()).contains("link-local");
            var name = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"http://localhost/\"}");
            assertThat(json(name).get("detail").asText()).contains("loopback");
            assertThat(json(s.getAuth("/api/v1/webhooks", s.admin)).get("webhooks")).isEmpty();
        } finally {
            s.server.stop();
        }
    }

    @Test
    void aRedirectToLoopbackIsNotFollowed() {
        // Only 127.0.0.2 is allowed: the receiver there redirects to 127.0.0.1, which is not.
        try (WebhookReceiver inside = new WebhookReceiver("127.0.0.1");
             WebhookReceiver redirecting = new WebhookReceiver("127.0.0.2")) {
            redirecting.answering(r -> new Answer(302, 0, inside.url("/admin")));
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.2/32"));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + redirecting.url("/hook") + "\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String id = json(created).get("id").asText();
                WebhookDeliveryUnderFaultsTest.issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> redirecting.received().size() >= 3);
                assertThat(inside.received()).as("the redirect's target got nothing").isEmpty();
                await().atMost(WAIT).until(() -> !WebhookDeliveryUnderFaultsTest.deliveries(s, id).isEmpty());
                var first = WebhookDeliveryUnderFaultsTest.deliveries(s, id).get(0);
                assertThat(first.get("status").asInt()).isEqualTo(302);
                assertThat(first.get("outcome").asText()).isEqualTo("failed");
                assertThat(first.get("error").asText()).contains("not followed");
            } finally {
                s.server.stop();
            }
        }
    }

    @Test
    void aTargetThatResolvesToLoopbackAtConnectTimeIsRefusedThen() throws Exception {
        // A subscription stored while its name resolved elsewhere (as after a DNS change): the guard checks again
        // before every connection and refuses it.
        Path db = dir.resolve("t.db");
        try (WebhookReceiver inside = new WebhookReceiver("127.0.0.1")) {
            try (Database d = Database.sqlite(db)) {
                Instant now = Instant.now();
                new WebhookStore(d).insert(new Webhook("wh_rebound", "someone", Webhook.Kind.STANDARD,
                        "http://localhost:" + java.net.URI.create(inside.url("/")).getPort() + "/hook", List.of(),
                        Set.of(), Set.of(Status.ACTUAL), "json", "whsec_" + java.util.Base64.getEncoder()
                        .encodeToString(new byte[32]), null, null, 0, true, null, now, now));
            }
            RunningServer s = PushTestServers.start(db, List.of());
            try {
                WebhookDeliveryUnderFaultsTest.issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> !WebhookDeliveryUnderFaultsTest.deliveries(s, "wh_rebound").isEmpty());
                var first = WebhookDeliveryUnderFaultsTest.deliveries(s, "wh_rebound").get(0);
                assertThat(first.get("outcome").asText()).isEqualTo("refused");
                assertThat(first.get("error").asText()).contains("loopback");
                assertThat(inside.received()).isEmpty();
            } finally {
                s.server.stop();
            }
        }
    }
}
