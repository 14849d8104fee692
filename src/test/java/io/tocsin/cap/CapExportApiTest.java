package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import static io.tocsin.cap.CapHttp.NS;
import static io.tocsin.cap.CapHttp.all;
import static io.tocsin.cap.CapHttp.dom;
import static io.tocsin.cap.CapHttp.export;
import static io.tocsin.cap.CapHttp.issue;
import static io.tocsin.cap.CapHttp.text;
import static io.tocsin.cap.CapHttp.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cap.mapping.CapPolygons;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** GET /api/v1/alerts/{id}.cap: every version of an alert is a CAP 1.2 message the validator accepts. */
@ExtendWith(ServerPerClass.class)
class CapExportApiTest {
    static final CapValidator STRICT_1_2 = CapValidator.builder().versions(EnumSet.of(CapVersion.V1_2)).build();
    static RunningServer s;

    static Document valid(byte[] xml) {
        CapVerdict verdict = STRICT_1_2.validate(xml);
        assertThat(verdict.issues()).as("validator issues").isEmpty();
        assertThat(verdict.warnings()).as("validator warnings").isEmpty();
        return dom(xml);
    }

    @Test
    void anIssuedAlertIsACapAlertWithOneInfoPerLanguageGeocodesAndABoundedPolygon() {
        String expires = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = issue(s, s.admin, """
                {"regions":["UA-46"],"threat":"air_raid","subtype":"drones","stage":"alert","expires_at":"%s",
                 "headline":{"uk":"Загроза ударних БпЛА","en":"Attack drone threat"},
                 "instruction":{"uk":"Пройдіть в укриття","en":"Go to a shelter"}}""".formatted(expires));
        Document cap = valid(export(s, id));

        assertThat(text(cap, "identifier").orElseThrow()).matches("urn:tocsin:" + id + ":\\d+");
        assertThat(text(cap, "sent").orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(text(cap, "status")).contains("Actual");
        assertThat(text(cap, "msgType")).contains("Alert");
        assertThat(texts(cap, "references")).isEmpty();
        assertThat(texts(cap, "language")).containsExactly("uk", "en");
        assertThat(texts(cap, "headline")).containsExactly("Загроза ударних БпЛА", "Attack drone threat");
        assertThat(texts(cap, "instruction")).containsExactly("Пройдіть в укриття", "Go to a shelter");
        assertThat(texts(cap, "category")).containsOnly("Security");
        assertThat(texts(cap, "responseType")).containsOnly("Shelter");
        assertThat(texts(cap, "urgency")).containsOnly("Immediate");
        assertThat(texts(cap, "severity")).containsOnly("Extreme");
        assertThat(texts(cap, "certainty")).containsOnly("Observed");
        assertThat(Instant.from(java.time.OffsetDateTime.parse(text(cap, "expires").orElseThrow())))
                .isEqualTo(Instant.parse(expires));
        Element uk = all(cap, NS, "info").get(0);
        assertThat(pairs(uk, "eventCode")).containsExactly("TOCSIN=air_raid:drones");
        assertThat(pairs(uk, "parameter")).contains("TOCSIN_STAGE=alert");
        assertThat(pairs(uk, "geocode")).contains("ISO3166-2=UA-46")
                .anyMatch(g -> g.startsWith("KATOTTH=UA46"));
        assertThat(texts(uk, "areaDesc")).containsExactly("Львівська область");
        List<String> polygons = texts(uk, "polygon");
        assertThat(polygons).isNotEmpty();
        for (String p : polygons) {
            String[] points = p.split(" ");
            assertThat(points.length).isBetween(4, CapPolygons.MAX_POINTS_PER_REGION);
            assertThat(points[0]).isEqualTo(points[points.length - 1]);
            assertThat(Double.parseDouble(points[0].split(",")[0])).as("latitude first").isBetween(47.0, 51.0);
        }
    }

    @Test
    void updatesAndEndsReferenceEveryEarlierVersionAndSayHowTheAlertEnded() {
        String id = issue(s, s.admin, """
                {"regions":["UA-12"],"threat":"air_raid","subtype":"cruise_missile","stage":"pre_alert"}""");
        Document alert = valid(export(s, id));
        assertThat(texts(alert, "urgency")).containsOnly("Expected");
        assertThat(texts(alert, "responseType")).containsOnly("Prepare");
        String first = "," + text(alert, "identifier").orElseThrow() + "," + text(alert, "sent").orElseThrow();

        assertThat(s.patch("/api/v1/alerts/" + id, s.admin, "{\"stage\":\"alert\"}").statusCode()).isEqualTo(200);
        Document update = valid(export(s, id));
        assertThat(text(update, "msgType")).contains("Update");
        assertThat(text(update, "references").orElseThrow()).endsWith(first);
        assertThat(text(update, "identifier")).isNotEqualTo(text(alert, "identifier"));

        assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}").statusCode())
                .isEqualTo(200);
        Document end = valid(export(s, id));
        assertThat(text(end, "msgType")).contains("Update");
        assertThat(text(end, "references").orElseThrow().split(" ")).hasSize(2);
        assertThat(texts(end, "responseType")).containsOnly("AllClear");
        assertThat(texts(end, "urgency")).containsOnly("Past");
        assertThat(pairs(all(end, NS, "info").get(1), "parameter")).contains("TOCSIN_END_REASON=all_clear");
        assertThat(texts(end, "headline")).allMatch(h -> h.startsWith("Відбій тривоги") || h.startsWith("All clear"));

        // Older versions stay available under their seq, with the same identifier.
        String seq = text(alert, "identifier").orElseThrow().replaceAll(".*:", "");
        Document again = dom(CapHttp.getBytes(s, "/api/v1/alerts/" + id + ".cap?seq=" + seq).body());
        assertThat(text(again, "identifier")).isEqualTo(text(alert, "identifier"));
        assertThat(text(again, "msgType")).contains("Alert");
    }

    @Test
    void aFalseAlarmIsACancelThatSaysSo() {
        String id = issue(s, s.admin, "{\"regions\":[\"UA-05\"],\"threat\":\"artillery\"}");
        s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"false_alarm\"}");
        Document cancel = valid(export(s, id));
        assertThat(text(cancel, "msgType")).contains("Cancel");
        assertThat(text(cancel, "note").orElseThrow()).contains("False alarm");
        assertThat(text(cancel, "references")).isPresent();
        assertThat(pairs(all(cancel, NS, "info").get(0), "eventCode")).containsExactly("TOCSIN=artillery");
    }

    @Test
    void anExerciseKeepsItsStatusAndSaysSoInWordsEvenNationwide() {
        String id = issue(s, s.admin, """
                {"regions":["UA"],"threat":"chemical","status":"exercise",
                 "headline":{"uk":"Хімічна небезпека","en":"Chemical hazard"}}""");
        byte[] xml = export(s, id);
        assertThat(xml.length).isLessThan((int) SecureXml.MESSAGE_LIMIT);
        Document cap = valid(xml);
        assertThat(text(cap, "status")).contains("Exercise");
        assertThat(text(cap, "note").orElseThrow()).contains("НАВЧАННЯ").contains("EXERCISE");
        assertThat(texts(cap, "headline")).containsExactly("НАВЧАННЯ: Хімічна небезпека", "EXERCISE: Chemical hazard");
        assertThat(texts(cap, "category")).containsOnly("CBRNE");
        Element uk = all(cap, NS, "info").get(0);
        assertThat(all(uk, NS, "area")).hasSize(27);
        int budget = CapPolygons.budget(27);
        for (Element area : all(uk, NS, "area")) {
            int points = texts(area, "polygon").stream().mapToInt(p -> p.split(" ").length).sum();
            assertThat(points).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void anUnknownAlertOrVersionIsAProblem() {
        HttpResponse<String> none = s.get("/api/v1/alerts/no-such-alert.cap");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(none).get("code").asText()).isEqualTo("alert-not-found");

        String id = issue(s, s.admin, "{\"regions\":[\"UA-07\"],\"threat\":\"air_raid\"}");
        HttpResponse<String> wrongSeq = s.get("/api/v1/alerts/" + id + ".cap?seq=999999");
        assertThat(wrongSeq.statusCode()).isEqualTo(404);
        assertThat(s.get("/api/v1/alerts/" + id + ".cap?seq=x").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/alerts/" + id).statusCode()).as("the JSON route still answers").isEqualTo(200);
    }

    /** "valueName=value" of each child element of that name (eventCode, parameter, geocode). */
    static List<String> pairs(Element info, String name) {
        return all(info, NS, name).stream()
                .map(e -> text(e, "valueName").orElse("") + "=" + text(e, "value").orElse("")).toList();
    }
}
