package io.tocsin.cap;

import static io.tocsin.cap.CapHttp.issue;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.cap.mapping.CapPublishing;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.support.MovableClock;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every exported message — issue, update, all-clear, false alarm, exercise; at oblast, raion and hromada level —
 * passes the CAP 1.2 schema and the Google Public Alerts profile as {@code tocsin cap validate --profile google}
 * checks it, and carries what the profile needs: expires, description, web, contact, senderName. An ongoing alert is
 * renewed by the server before its horizon lapses.
 */
class CapExportProfileApiTest {
    static final CapValidator GOOGLE = CapValidator.builder().versions(EnumSet.of(CapVersion.V1_2))
            .profile(CapProfile.GOOGLE).build();

    @Test
    void everyKindOfExportedMessagePassesTheSchemaAndTheGoogleProfile() {
        RegionTree tree = Regions.catalog().tree();
        Region raion = tree.children("UA-46").stream().filter(r -> r.kind() == RegionKind.RAION).findFirst()
                .orElseThrow();
        Region hromada = tree.children(raion.code()).get(0);
        try (RunningServer s = RunningServer.startWith(c -> c.withCap(CapPublishing.DEFAULT
                .withSender("Львівська ОВА", "+380 32 000 00 00")))) {
            List<String> alerts = new ArrayList<>();
            for (String region : List.of("UA-46", raion.code(), hromada.code(), "UA-32")) {
                alerts.add(issue(s, s.admin, "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\","
                        + "\"subtype\":\"aviation\"}"));
            }
            String exercise = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
            String preAlert = issue(s, s.admin, "{\"regions\":[\"UA-12\"],\"threat\":\"chemical\",\"stage\":\"pre_alert\","
                    + "\"status\":\"exercise\"}");
            s.patch("/api/v1/alerts/" + alerts.get(0), s.admin, "{\"stage\":\"pre_alert\"}");
            s.post("/api/v1/alerts/" + alerts.get(0) + "/end", s.admin, "{\"reason\":\"all_clear\"}");
            s.post("/api/v1/alerts/" + alerts.get(1) + "/end", s.admin, "{\"reason\":\"false_alarm\"}");
            s.post("/api/v1/alerts/" + exercise + "/end", s.admin, "{\"reason\":\"all_clear\"}");
            alerts.add(exercise);
            alerts.add(preAlert);
            int messages = 0;
            for (String id : alerts) {
                for (JsonNode e : json(s.get("/api/v1/alerts/" + id + "/events")).get("events")) {
                    String xml = new String(CapHttp.getBytes(s, "/api/v1/alerts/" + id + ".cap?seq="
                            + e.get("seq").asLong()).body(), StandardCharsets.UTF_8);
                    CapVerdict v = GOOGLE.validate(xml.getBytes(StandardCharsets.UTF_8));
                    assertThat(v.issues()).as(e.get("type").asText() + " of " + id + "\n" + xml).isEmpty();
                    assertThat(xml).contains("<expires>", "<description>", "<senderName>Львівська ОВА</senderName>",
                            "<contact>+380 32 000 00 00</contact>", "<web>" + s.server.url() + "/alerts/" + id + "</web>");
                    messages++;
                }
            }
            assertThat(messages).as("six issues, one update, three ends").isEqualTo(10);
            // <web> is the alert's public page, which answers for ended alerts too.
            for (String id : alerts) {
                assertThat(s.get("/alerts/" + id).statusCode()).as("/alerts/" + id).isEqualTo(200);
            }
            String cancel = new String(CapHttp.export(s, alerts.get(1)), StandardCharsets.UTF_8);
            assertThat(cancel).contains("<msgType>Cancel</msgType>", "<urgency>Past</urgency>",
                    "<severity>Unknown</severity>", "<certainty>Unlikely</certainty>");
        }
    }

    @Test
    void anOngoingAlertIsRenewedByTheServerBeforeItsHorizonLapses() {
        MovableClock clock = new MovableClock();
        Duration horizon = Duration.ofMinutes(20);
        try (RunningServer s = RunningServer.startWith(c -> c.withCap(CapPublishing.DEFAULT
                .withTimes(Duration.ofHours(1), horizon)), clock)) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            String issued = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(between(issued, "expires")).isEqualTo(between(issued, "sent").plus(horizon));

            clock.advance(horizon.dividedBy(2).plusSeconds(1));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    json(s.get("/api/v1/alerts/" + id + "/events")).get("events").size() == 2);
            JsonNode renewal = json(s.get("/api/v1/alerts/" + id + "/events")).get("events").get(1);
            assertThat(renewal.get("type").asText()).isEqualTo("alert.updated");
            String renewed = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(renewed).contains("<msgType>Update</msgType>");
            assertThat(between(renewed, "expires")).isEqualTo(between(renewed, "sent").plus(horizon))
                    .isAfter(between(issued, "expires"));
            assertThat(GOOGLE.validate(renewed.getBytes(StandardCharsets.UTF_8)).issues()).isEmpty();
            // Restated once, not on every check.
            Awaitility.await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).until(() ->
                    json(s.get("/api/v1/alerts/" + id + "/events")).get("events").size() == 2);
        }
    }

    static OffsetDateTime between(String xml, String element) {
        int from = xml.indexOf("<" + element + ">") + element.length() + 2;
        return OffsetDateTime.parse(xml.substring(from, xml.indexOf("</" + element + ">", from)));
    }
}
