package io.tocsin.push;

import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.WebhookReceiver;
import io.tocsin.support.WebhookReceiver.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiver down for longer than the retry window: the subscription is disabled with the reason (the clock is
 * moved, nobody waits a day), and re-enabling it resumes from its cursor, so the event it was stuck on still comes.
 */
class WebhookRetryWindowTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aReceiverDownForTheWholeWindowGetsItsSubscriptionDisabledAndReEnablingResumesWithoutASkip() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        PushTestServers.MovableClock clock = new PushTestServers.MovableClock();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> up.get() ? Answer.ok()
                : Answer.status(503))) {
            RunningServer s = RunningServer.started(PushTestServers.server(dir.resolve("t.db"), clock,
                    List.of("127.0.0.1/32"), null));
            try {
                var created = s.post("/api/v1/webhooks", s.admin, "{\"url\":\"" + receiver.url("/hook") + "\"}");
                String id = json(created).get("id").asText();
                List<Long> seqs = WebhookDeliveryUnderFaultsTest.issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> receiver.received().size() >= 3);
                assertThat(json(s.getAuth("/api/v1/webhooks/" + id, s.admin)).get("enabled").asBoolean()).isTrue();

                clock.advance(Duration.ofHours(27));
                s.server.webhooks().wake();
                await().atMost(WAIT).until(() -> !json(s.getAuth("/api/v1/webhooks/" + id, s.admin))
                        .get("enabled").asBoolean());
                var hook = json(s.getAuth("/api/v1/webhooks/" + id, s.admin));
                assertThat(hook.get("disabled_reason").asText()).contains("retry window").contains("503");
                int before = receiver.received().size();
                Thread.sleep(500);
                assertThat(receiver.received()).as("a disabled subscription is not tried").hasSize(before);

                up.set(true);
                var enabled = s.patch("/api/v1/webhooks/" + id, s.admin, "{\"enabled\":true}");
                assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
                await().atMost(WAIT).until(() -> WebhookDeliveryUnderFaultsTest.acceptedSeqs(receiver)
                        .containsAll(seqs));
                long firstAccepted = receiver.received().stream().filter(r -> r.answer().status() == 200)
                        .map(r -> {
                            try {
                                return Json.MAPPER.readTree(r.body()).get("seq").asLong();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }).findFirst().orElseThrow();
                assertThat(firstAccepted).as("resumed at the event it was stuck on").isEqualTo(seqs.get(0));
            } finally {
                s.server.stop();
            }
        }
    }
}
