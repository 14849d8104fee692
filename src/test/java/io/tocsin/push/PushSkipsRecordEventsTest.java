package io.tocsin.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log's events that are no alert's (an attack report, its correction, a time-to-shelter setting) pass the push
 * followers by: nothing is delivered for them, and the follower goes on to deliver the next alert.
 */
class PushSkipsRecordEventsTest {
    @TempDir
    Path dir;

    @Test
    void reportsAndShelterSettingsAreNotPushedAndTheFollowerDeliversTheAlertAfterThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.1/32"));
            try {
                String key = s.token(Role.INTEGRATOR, List.of(), "ha bridge");
                assertThat(UkraineAlarmWebhookTest.send(s, "POST", key,
                        "{\"webHookUrl\":\"" + receiver.url("/ua") + "\"}").statusCode()).isEqualTo(200);
                Instant now = Instant.now();
                String report = "{\"period\":{\"from\":\"" + now.minusSeconds(3600) + "\",\"to\":\"" + now + "\"},"
                        + "\"weapons\":{\"cruise_missiles\":{\"launched\":2,\"destroyed\":1}},\"regions_struck\":[\"UA-46\"],"
                        + "\"source\":\"https://example.org/r\"}";
                var created = s.post("/api/v1/reports", s.admin, report);
                assertThat(created.statusCode()).isEqualTo(201);
                String id = Json.MAPPER.readTree(created.body()).get("report").get("id").asText();
                assertThat(s.patch("/api/v1/reports/" + id, s.admin, report).statusCode()).isEqualTo(200);
                assertThat(s.send(HttpRequest.newBuilder(s.uri("/api/v1/regions/UA-46/shelter"))
                        .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"seconds\":60}")).build()).statusCode()).isEqualTo(200);

                var alert = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
                assertThat(alert.statusCode()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
                JsonNode first = Json.MAPPER.readTree(receiver.received().get(0).body());
                assertThat(first.get("regionName").asText()).isEqualTo("Львівська область");
                assertThat(first.get("activeAlerts")).hasSize(1);
                assertThat(receiver.received()).hasSize(1);
            } finally {
                s.server.stop();
            }
        }
    }
}
