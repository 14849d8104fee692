package io.tocsin.http;

import static io.tocsin.support.Responses.json;

import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class StreamFilterApiTest {
    static RunningServer s;

    @Test
    void aHromadaSubscriberHearsItsOblastsAlertsAndNoOtherOblasts() throws Exception {
        String lvivHromada = Regions.catalog().locator().locate(49.84, 24.03).get(0).code();
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?regions=" + lvivHromada), null)) {
            s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
            s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-30\",\"UA-32\"],\"threat\":\"air_raid\"}");
            String mine = json(
                    s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}"))
                    .get("alert").get("id").asText();
            SseClient.SseEvent got = sub.next(Duration.ofSeconds(5));
            assertThat(got.alertId()).isEqualTo(mine);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void anOblastSubscriberHearsAlertsOnItsPartsAndThreatFiltersApply() throws Exception {
        String kharkivHromada = Regions.catalog().locator().locate(49.99, 36.23).get(0).code();
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-63&threats=air_raid:drones"), null)) {
            s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"" + kharkivHromada + "\"],\"threat\":\"artillery\"}");
            String drones = json(s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"" + kharkivHromada + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}"))
                    .get("alert").get("id").asText();
            assertThat(sub.next(Duration.ofSeconds(5)).alertId()).isEqualTo(drones);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aPointSubscriberHearsOnlyAlertsThatCoverThePoint() throws Exception {
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?lat=46.48&lon=30.72"), null)) {
            s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-12\"],\"threat\":\"air_raid\"}");
            String odesa = json(
                    s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-51\"],\"threat\":\"air_raid\"}"))
                    .get("alert").get("id").asText();
            assertThat(sub.next(Duration.ofSeconds(5)).alertId()).isEqualTo(odesa);
        }
    }

    @Test
    void exercisesStayOffTheDefaultStreamAndListButShowWhenAskedFor() throws Exception {
        try (SseClient plain = SseClient.open(s.http, s.uri("/api/v1/stream"), null);
             SseClient drills = SseClient.open(s.http, s.uri("/api/v1/stream?status=exercise"), null)) {
            String id = json(s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"UA-07\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}")).get("alert").get("id").asText();
            SseClient.SseEvent got = drills.next(Duration.ofSeconds(5));
            assertThat(got.alertId()).isEqualTo(id);
            assertThat(got.data().get("alert").get("status").asText()).isEqualTo("exercise");
            assertThat(got.data().get("alert").get("notice").get("en").asText()).startsWith("EXERCISE");
            assertThat(got.data().get("alert").get("notice").get("uk").asText()).startsWith("НАВЧАННЯ");
            assertThat(plain.poll(Duration.ofMillis(300))).isNull();
            assertThat(s.get("/api/v1/alerts/active").body()).doesNotContain(id);
            assertThat(s.get("/api/v1/alerts/active?status=exercise").body()).contains(id);
        }
    }
}
