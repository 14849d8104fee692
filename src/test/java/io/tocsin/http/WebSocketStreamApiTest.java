package io.tocsin.http;

import static io.tocsin.support.Responses.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class WebSocketStreamApiTest {
    static RunningServer s;

    URI ws(String query) {
        return URI.create(s.server.url().replace("http://", "ws://") + "/api/v1/ws" + query);
    }

    @Test
    void aFalseAlarmCorrectionReachesSseAndWebSocketSubscribersAndTheHistoryKeepsBoth() throws Exception {
        try (WsClient w = WsClient.open(s.http, ws("?regions=UA-32"));
             SseClient e = SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-32"), null)) {
            String id = json(s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}"))
                    .get("alert").get("id").asText();
            JsonNode issued = w.next(Duration.ofSeconds(5));
            assertThat(issued.get("type").asText()).isEqualTo("alert.issued");
            assertThat(e.next(Duration.ofSeconds(5)).type()).isEqualTo("alert.issued");

            assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"false_alarm\"}").statusCode())
                    .isEqualTo(200);
            JsonNode wsEnd = w.next(Duration.ofSeconds(5));
            assertThat(wsEnd.get("type").asText()).isEqualTo("alert.ended");
            assertThat(wsEnd.get("alert").get("end_reason").asText()).isEqualTo("false_alarm");
            SseClient.SseEvent sseEnd = e.next(Duration.ofSeconds(5));
            assertThat(sseEnd.data().get("alert").get("end_reason").asText()).isEqualTo("false_alarm");
            assertThat(sseEnd.id()).isEqualTo(wsEnd.get("seq").asLong());

            JsonNode history = json(s.get("/api/v1/alerts/" + id + "/events"));
            assertThat(history.get("events").findValuesAsText("type")).containsExactly("alert.issued", "alert.ended");
        }
    }

    @Test
    void theWebSocketStreamHasTheSameFiltersAndResumeAsSse() throws Exception {
        long start = json(s.get("/api/v1/alerts/active")).get("seq").asLong();
        String lviv = json(s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}")).get("alert").get("id").asText();
        s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
        try (WsClient w = WsClient.open(s.http, ws("?regions=UA-46&after=" + start))) {
            JsonNode replayed = w.next(Duration.ofSeconds(5));
            assertThat(replayed.get("alert").get("id").asText()).isEqualTo(lviv);
            assertThat(replayed.get("seq").asLong()).isEqualTo(start + 1);
            assertThat(w.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aBadFilterIsRefusedWithAProblemBeforeTheUpgrade() {
        var r = s.get("/api/v1/ws?regions=UA-99");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("unknown-region");
    }
}
