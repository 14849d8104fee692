package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import static io.tocsin.cap.CapHttp.export;
import static io.tocsin.cap.CapHttp.issue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances: an alert issued through the JSON API of the first, exported as CAP and imported on the second, is
 * the same alert there; so are its updates and its end.
 */
class CapRoundTripApiTest {
    static final List<String> SAME = List.of("regions", "threat", "subtype", "stage", "status", "headline",
            "instruction", "expires_at", "end_reason");
    static RunningServer first;
    static RunningServer second;

    @BeforeAll
    static void start() {
        first = RunningServer.start();
        second = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    /** Exports the alert's current version from the first instance and imports it on the second. */
    static JsonNode carry(String id, int expectedStatus) {
        HttpResponse<String> r = CapHttp.post(second, second.admin, new String(export(first, id),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        return json(r);
    }

    static JsonNode alert(RunningServer s, String id) {
        return json(s.get("/api/v1/alerts/" + id));
    }

    static void assertSame(String original, String copy) {
        JsonNode a = alert(first, original);
        JsonNode b = alert(second, copy);
        for (String field : SAME) {
            assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
        }
        assertThat(b.get("ended_at").isNull()).isEqualTo(a.get("ended_at").isNull());
    }

    @Test
    void anAlertItsUpdateAndItsCancelArriveAsTheSameLifecycle() {
        String expires = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = issue(first, first.admin, """
                {"regions":["UA-46","UA-07"],"threat":"air_raid","subtype":"drones","stage":"pre_alert",
                 "expires_at":"%s","headline":{"uk":"Загроза ударних БпЛА","en":"Attack drone threat"},
                 "instruction":{"uk":"Будьте готові пройти в укриття","en":"Be ready to take shelter"}}"""
                .formatted(expires));
        JsonNode issued = carry(id, 201);
        assertThat(issued.get("type").asText()).isEqualTo("alert.issued");
        assertThat(issued.get("result").asText()).isEqualTo("issued");
        String copy = issued.get("alert").get("id").asText();
        assertSame(id, copy);

        assertThat(first.patch("/api/v1/alerts/" + id, first.admin, """
                {"stage":"alert","regions":["UA-46"],"threat":"air_raid","subtype":"ballistic_missile",
                 "headline":{"uk":"Балістика","en":"Ballistic missile"},"expires_at":null}""").statusCode())
                .isEqualTo(200);
        JsonNode updated = carry(id, 200);
        assertThat(updated.get("type").asText()).isEqualTo("alert.updated");
        assertThat(updated.get("alert").get("id").asText()).isEqualTo(copy);
        assertSame(id, copy);
        assertThat(alert(second, copy).get("expires_at").isNull()).isTrue();

        first.post("/api/v1/alerts/" + id + "/end", first.admin, "{\"reason\":\"false_alarm\"}");
        JsonNode cancelled = carry(id, 200);
        assertThat(cancelled.get("type").asText()).isEqualTo("alert.ended");
        assertSame(id, copy);
        assertThat(alert(second, copy).get("end_reason").asText()).isEqualTo("false_alarm");
        assertThat(json(second.get("/api/v1/alerts/active")).get("alerts").findValuesAsText("id")).doesNotContain(copy);
    }

    @Test
    void anAllClearEndsTheCopyAsAnAllClear() {
        String id = issue(first, first.admin, "{\"regions\":[\"UA-63\"],\"threat\":\"artillery\"}");
        String copy = carry(id, 201).get("alert").get("id").asText();
        first.post("/api/v1/alerts/" + id + "/end", first.admin, "{\"reason\":\"all_clear\"}");
        carry(id, 200);
        assertSame(id, copy);
        assertThat(alert(second, copy).get("end_reason").asText()).isEqualTo("all_clear");
    }

    @Test
    void anExerciseStaysAnExerciseWithItsOwnTextsAndOutOfTheDefaultList() {
        String id = issue(first, first.admin, """
                {"regions":["UA-18"],"threat":"nuclear","status":"exercise",
                 "headline":{"uk":"Радіаційна небезпека","en":"Radiation hazard"}}""");
        String copy = carry(id, 201).get("alert").get("id").asText();
        assertSame(id, copy);
        assertThat(alert(second, copy).get("headline").get("uk").asText()).isEqualTo("Радіаційна небезпека");
        assertThat(json(second.get("/api/v1/alerts/active")).get("alerts").findValuesAsText("id")).doesNotContain(copy);
        assertThat(json(second.get("/api/v1/alerts/active?status=exercise")).get("alerts").findValuesAsText("id"))
                .contains(copy);
    }

    @Test
    void importingTheSameMessageTwiceChangesNothing() {
        String id = issue(first, first.admin, "{\"regions\":[\"UA-21\"],\"threat\":\"urban_fights\"}");
        String copy = carry(id, 201).get("alert").get("id").asText();
        long before = json(second.get("/api/v1/alerts/active")).get("count").asLong();
        JsonNode again = carry(id, 200);
        assertThat(again.get("result").asText()).isEqualTo("duplicate");
        assertThat(again.get("published").asBoolean()).isFalse();
        assertThat(again.get("alert_id").asText()).isEqualTo(copy);
        assertThat(json(second.get("/api/v1/alerts/active")).get("count").asLong()).isEqualTo(before);
    }

    @Test
    void aMessageExportedHereAndPostedBackAsAnUpdateLinksWithoutAnyImport() {
        String id = issue(second, second.admin, "{\"regions\":[\"UA-26\"],\"threat\":\"air_raid\"}");
        String alert = new String(export(second, id), java.nio.charset.StandardCharsets.UTF_8);
        String identifier = alert.replaceAll("(?s).*<identifier>([^<]+)</identifier>.*", "$1");
        String sender = alert.replaceAll("(?s).*<sender>([^<]+)</sender>.*", "$1");
        String sent = alert.replaceAll("(?s).*<sent>([^<]+)</sent>.*", "$1");
        String update = alert.replace("<identifier>" + identifier, "<identifier>ops-edit-1")
                .replace("<msgType>Alert</msgType>", "<msgType>Update</msgType>")
                .replace("<scope>Public</scope>", "<scope>Public</scope><references>" + sender + "," + identifier
                        + "," + sent + "</references>")
                .replace("<value>alert</value>", "<value>pre_alert</value>");
        HttpResponse<String> r = CapHttp.post(second, second.admin, update);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(alert(second, id).get("stage").asText()).isEqualTo("pre_alert");
    }
}
