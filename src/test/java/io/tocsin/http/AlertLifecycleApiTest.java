package io.tocsin.http;

import static io.tocsin.support.Responses.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class AlertLifecycleApiTest {
    static RunningServer s;

    @Test
    void anIssuedAlertIsActiveAndStreamedAndItsEndRemovesItAndIsStreamed() throws Exception {
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            assertThat(sub.status).isEqualTo(200);
            HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin, """
                    {"regions":["UA-63"],"threat":"air_raid","subtype":"ballistic_missile","stage":"alert",
                     "headline":{"uk":"Загроза балістики","en":"Ballistic missile threat"}}""");
            assertThat(issued.statusCode()).isEqualTo(201);
            JsonNode event = json(issued);
            String id = event.get("alert").get("id").asText();
            assertThat(event.get("type").asText()).isEqualTo("alert.issued");
            assertThat(issued.headers().firstValue("Location")).contains("/api/v1/alerts/" + id);

            JsonNode active = json(s.get("/api/v1/alerts/active"));
            assertThat(active.get("alerts").findValuesAsText("id")).contains(id);

            SseClient.SseEvent got = sub.next(Duration.ofSeconds(5));
            assertThat(got.type()).isEqualTo("alert.issued");
            assertThat(got.id()).isEqualTo(event.get("seq").asLong());
            assertThat(got.alertId()).isEqualTo(id);
            assertThat(got.data().get("alert").get("subtype").asText()).isEqualTo("ballistic_missile");
            assertThat(got.data().get("alert").get("headline").get("uk").asText()).isEqualTo("Загроза балістики");

            HttpResponse<String> ended = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}");
            assertThat(ended.statusCode()).isEqualTo(200);
            assertThat(json(s.get("/api/v1/alerts/active")).get("alerts").findValuesAsText("id")).doesNotContain(id);

            SseClient.SseEvent end = sub.next(Duration.ofSeconds(5));
            assertThat(end.type()).isEqualTo("alert.ended");
            assertThat(end.alertId()).isEqualTo(id);
            assertThat(end.data().get("alert").get("end_reason").asText()).isEqualTo("all_clear");
        }
    }

    @Test
    void anUpdateChangesTheStageAndKeepsTheStatus() throws Exception {
        String id = json(s.post("/api/v1/alerts", s.admin, """
                {"regions":["UA-12"],"threat":"air_raid","stage":"pre_alert"}""")).get("alert").get("id").asText();
        HttpResponse<String> updated = s.patch("/api/v1/alerts/" + id, s.admin, "{\"stage\":\"alert\",\"subtype\":\"drones\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode alert = json(updated).get("alert");
        assertThat(alert.get("stage").asText()).isEqualTo("alert");
        assertThat(alert.get("subtype").asText()).isEqualTo("drones");
        assertThat(alert.get("status").asText()).isEqualTo("actual");
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("stage").asText()).isEqualTo("alert");
    }

    @Test
    void aRegionShowsAlertsInheritedFromItsOblastAndItsHistoryKeepsEndedOnes() throws Exception {
        String hromada = io.tocsin.support.Regions.catalog().locator().locate(49.84, 24.03).get(0).code();
        String id = json(s.post("/api/v1/alerts", s.admin, """
                {"regions":["UA-46"],"threat":"air_raid","subtype":"cruise_missile"}""")).get("alert").get("id").asText();
        JsonNode region = json(s.get("/api/v1/regions/" + hromada));
        assertThat(region.get("status").get("under_alert").asBoolean()).isTrue();
        JsonNode inherited = region.get("status").get("alerts").get(0);
        assertThat(inherited.get("id").asText()).isEqualTo(id);
        assertThat(inherited.get("inherited").asBoolean()).isTrue();

        JsonNode point = json(s.get("/api/v1/status?lat=49.84&lon=24.03"));
        assertThat(point.get("chain").get(0).get("code").asText()).isEqualTo(hromada);
        assertThat(point.get("alerts").findValuesAsText("id")).contains(id);

        s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"false_alarm\"}");
        assertThat(json(s.get("/api/v1/regions/" + hromada)).get("status").get("under_alert").asBoolean()).isFalse();
        JsonNode history = json(s.get("/api/v1/regions/" + hromada + "/history"));
        JsonNode past = history.get("alerts").findParents("id").stream()
                .filter(a -> a.get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(past.get("end_reason").asText()).isEqualTo("false_alarm");
    }

    @Test
    void theEventsPagePagesTheLogInSeqOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-05\"],\"threat\":\"artillery\"}");
        }
        JsonNode first = json(s.get("/api/v1/events?after=0&limit=2"));
        assertThat(first.get("events")).hasSize(2);
        assertThat(first.get("more").asBoolean()).isTrue();
        long next = first.get("next").asLong();
        JsonNode second = json(s.get("/api/v1/events?after=" + next + "&limit=2"));
        assertThat(second.get("events").get(0).get("seq").asLong()).isEqualTo(next + 1);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        assertThat(json(s.get("/health")).get("status").asText()).isEqualTo("up");
        HttpResponse<String> metrics = s.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tocsin_subscribers");
    }
}
