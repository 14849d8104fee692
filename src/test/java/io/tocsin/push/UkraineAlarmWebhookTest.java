package io.tocsin.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ukrainealarm's webhook (docs/compat.md): one per key, set with the API's own body, delivering the region's
 * AlertRegionModel on the alert's start and on its all-clear (then with {@code activeAlerts: []}).
 */
class UkraineAlarmWebhookTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PATH = "/compat/ukrainealarm/api/v3/webhook";

    @TempDir
    Path dir;

    @Test
    void theWebhookReceivesTheDocumentedPayloadOnStartAndAllClear() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(); WebhookReceiver moved = new WebhookReceiver()) {
            RunningServer s = PushTestServers.start(dir.resolve("t.db"), List.of("127.0.0.1/32"));
            try {
                String key = s.token(Role.INTEGRATOR, List.of(), "ha bridge");
                var post = send(s, "POST", key, "{\"webHookUrl\":\"" + receiver.url("/ua") + "\"}");
                assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
                JsonNode example = Json.MAPPER.readTree(post.body());
                assertThat(example.has("regionId")).as("POST answers an AlertRegionModel").isTrue();
                assertThat(example.get("activeAlerts").isArray()).isTrue();
                assertThat(send(s, "POST", null, "{\"webHookUrl\":\"" + receiver.url("/ua") + "\"}").statusCode())
                        .isEqualTo(401);
                assertThat(send(s, "POST", key, "{\"webHookUrl\":\"http://10.0.0.1/\"}").statusCode())
                        .isEqualTo(400);

                List<Long> seqs = WebhookDeliveryUnderFaultsTest.issueAndEnd(s, 1);
                await().atMost(WAIT).until(() -> receiver.received().stream()
                        .filter(r -> r.answer().status() == 200).count() >= 2);
                JsonNode start = Json.MAPPER.readTree(receiver.received().get(0).body());
                assertThat(start.get("regionId").asText()).isEqualTo("27");
                assertThat(start.get("regionType").asText()).isEqualTo("State");
                assertThat(start.get("regionName").asText()).isEqualTo("Львівська область");
                assertThat(start.get("lastUpdate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(start.get("activeAlerts")).hasSize(1);
                JsonNode alert = start.get("activeAlerts").get(0);
                assertThat(alert.get("type").asText()).isEqualTo("AIR");
                assertThat(alert.get("regionId").asText()).isEqualTo("27");
                assertThat(alert.get("regionType").asText()).isEqualTo("State");
                JsonNode allClear = Json.MAPPER.readTree(receiver.received().get(1).body());
                assertThat(allClear.get("regionId").asText()).isEqualTo("27");
                assertThat(allClear.get("activeAlerts")).isEmpty();
                assertThat(receiver.received().get(0).id()).endsWith("_" + seqs.get(0));

                // One per key: PATCH points it elsewhere, DELETE removes it.
                assertThat(send(s, "PATCH", key, "{\"webHookUrl\":\"" + moved.url("/ua") + "\"}").statusCode())
                        .isEqualTo(200);
                var kyiv = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"artillery\"}");
                assertThat(kyiv.statusCode()).isEqualTo(201);
                await().atMost(WAIT).until(() -> !moved.received().isEmpty());
                JsonNode k = Json.MAPPER.readTree(moved.received().get(0).body());
                assertThat(k.get("regionId").asText()).isEqualTo("14");
                assertThat(k.get("activeAlerts").get(0).get("type").asText()).isEqualTo("ARTILLERY");
                assertThat(send(s, "DELETE", key, "{\"webHookUrl\":null}").statusCode()).isEqualTo(200);
                assertThat(send(s, "PATCH", key, "{\"webHookUrl\":\"" + moved.url("/ua") + "\"}").statusCode())
                        .isEqualTo(404);
            } finally {
                s.server.stop();
            }
        }
    }

    static HttpResponse<String> send(RunningServer s, String method, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.server.url() + PATH))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", key);
        }
        return s.send(b.build());
    }
}
