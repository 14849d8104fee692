package io.tocsin.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Attack reports: recorded, corrected and listed through the API, in the log, on a page beside the night's alerts. */
@ExtendWith(ServerPerClass.class)
class ReportsApiTest {
    static RunningServer s;

    @Test
    void theWorkedExampleOfSeptemberSeventhFromTheDocsIsRecordedAsWritten() throws Exception {
        String doc = Files.readString(Path.of("docs/reports.md"));
        int start = doc.indexOf("```json\n") + 8;
        String body = doc.substring(start, doc.indexOf("```", start));

        HttpResponse<String> created = s.post("/api/v1/reports", s.admin, body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode r = json(created).get("report");
        assertThat(json(created).get("type").asText()).isEqualTo("report.recorded");
        assertThat(r.get("totals").get("launched").asInt()).isEqualTo(813);
        assertThat(r.get("weapons").get("ballistic_missiles").get("launched").asInt()).isEqualTo(4);
        assertThat(r.get("weapons").get("cruise_missiles").get("destroyed").isNull()).isTrue();
        assertThat(r.get("killed").get("total").asInt()).isEqualTo(5);
        assertThat(r.get("killed").get("children").asInt()).isEqualTo(1);
        assertThat(r.get("injured").get("total").asInt()).isEqualTo(44);
        // Beside it, the General Staff's destroyed counts dated that morning: the difference of the cumulative series.
        JsonNode context = json(s.get("/api/v1/reports/" + r.get("id").asText())).get("context").get("days").get(0);
        assertThat(context.get("date").asText()).isEqualTo("2025-09-07");
        assertThat(context.get("drones_destroyed").asLong()).isEqualTo(rawDrones("2025-09-07") - rawDrones("2025-09-06"));
        JsonNode days = json(s.get("/api/v1/reports/context?from=2025-09-06&to=2025-09-08")).get("days");
        assertThat(days).hasSize(3);
        assertThat(s.get("/api/v1/reports/context?from=2025-09-08&to=2025-09-06").statusCode()).isEqualTo(400);
        JsonNode nightly = json(s.get("/api/v1/reports/nightly")).get("nights");
        assertThat(nightly.findValues("night").stream().map(JsonNode::asText)).contains("2025-09-07");
    }

    @Test
    void aReportIsCreatedCorrectedAndListedAndItsPageShowsTheNightsAlerts() {
        HttpResponse<String> alert = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
        assertThat(alert.statusCode()).isEqualTo(201);
        String alertId = json(alert).get("alert").get("id").asText();
        Instant now = Instant.now();
        String report = body(now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(1)), 40, 30, "first count");

        HttpResponse<String> created = s.post("/api/v1/reports", s.admin, report);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("report").get("id").asText();
        assertThat(created.headers().firstValue("Location").orElseThrow()).isEqualTo("/api/v1/reports/" + id);

        HttpResponse<String> corrected = s.patch("/api/v1/reports/" + id, s.admin,
                body(now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(1)), 42, 39, "Air Force statement"));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(json(corrected).get("type").asText()).isEqualTo("report.corrected");
        JsonNode one = json(s.get("/api/v1/reports/" + id));
        assertThat(one.get("weapons").get("attack_drones_and_decoys").get("launched").asInt()).isEqualTo(42);
        assertThat(one.get("corrected").asBoolean()).isTrue();
        assertThat(one.get("recorded_at").asText()).isEqualTo(json(created).get("report").get("recorded_at").asText());
        assertThat(one.get("alerts").findValues("id").stream().map(JsonNode::asText)).contains(alertId);
        assertThat(one.get("exposure").get(0).get("region").asText()).isEqualTo("UA-63");
        assertThat(one.get("exposure").get(0).get("intervals")).hasSize(1);

        List<String> listed = json(s.get("/api/v1/reports")).get("reports").findValues("id").stream()
                .map(JsonNode::asText).toList();
        assertThat(listed).containsOnlyOnce(id);

        HttpResponse<String> page = s.get("/reports/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Тривоги цієї ночі").contains("Харківська область").contains("триває")
                .doesNotContain("<script");

        // Both versions are in the log, in the audit, never on the public events page.
        JsonNode audit = json(s.getAuth("/api/v1/audit?after=0&limit=500", s.admin));
        assertThat(audit.get("events").findValues("type").stream().map(JsonNode::asText))
                .contains("report.recorded", "report.corrected");
        assertThat(json(s.get("/api/v1/events?after=0&limit=500")).get("events").findValues("type").stream()
                .map(JsonNode::asText)).doesNotContain("report.recorded", "report.corrected");
        s.post("/api/v1/alerts/" + alertId + "/end", s.admin, "{}");
    }

    @Test
    void onlyOperatorsInScopeAndAdminsRecordReportsAndBadCountsAreRefused() {
        Instant now = Instant.now();
        String kharkiv = body(now.minus(Duration.ofHours(1)), now, 10, 5, null);
        assertThat(s.post("/api/v1/reports", null, kharkiv).statusCode()).isEqualTo(401);
        String viewer = s.token(Role.INTEGRATOR, List.of(), "integrator");
        assertThat(s.post("/api/v1/reports", viewer, kharkiv).statusCode()).isEqualTo(403);
        String lvivOperator = s.token(Role.OPERATOR, List.of("UA-46"), "lviv");
        HttpResponse<String> outside = s.post("/api/v1/reports", lvivOperator, kharkiv);
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(json(outside).get("code").asText()).isEqualTo("out-of-scope");
        String kharkivOperator = s.token(Role.OPERATOR, List.of("UA-63"), "kharkiv");
        assertThat(s.post("/api/v1/reports", kharkivOperator, kharkiv).statusCode()).isEqualTo(201);

        HttpResponse<String> more = s.post("/api/v1/reports", s.admin, body(now.minus(Duration.ofHours(1)), now, 10, 11, null));
        assertThat(more.statusCode()).isEqualTo(400);
        assertThat(json(more).get("code").asText()).isEqualTo("invalid-field");
        assertThat(s.post("/api/v1/reports", s.admin, body(now, now.minus(Duration.ofHours(1)), 1, 1, null)).statusCode())
                .isEqualTo(400);
        assertThat(s.post("/api/v1/reports", s.admin, "{\"period\":{}}").statusCode()).isEqualTo(400);
        assertThat(s.patch("/api/v1/reports/nope", s.admin, kharkiv).statusCode()).isEqualTo(404);
        assertThat(s.get("/api/v1/reports/nope").statusCode()).isEqualTo(404);
    }

    /** The cumulative drone count of a day, read from the shipped file here, apart from the product's reading. */
    private static long rawDrones(String date) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(ReportsApiTest.class.getResourceAsStream(
                "/data/attacks/petroivaniuk_russia_losses_equipment.json.gz"))) {
            for (JsonNode d : io.tocsin.json.Json.MAPPER.readTree(in)) {
                if (d.get("date").asText().equals(date)) {
                    return d.get("drone").asLong();
                }
            }
        }
        throw new AssertionError("no " + date);
    }

    private static String body(Instant from, Instant to, int launched, int destroyed, String note) {
        return "{\"period\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\"},"
                + "\"weapons\":{\"attack_drones_and_decoys\":{\"launched\":" + launched + ",\"destroyed\":" + destroyed
                + "}},\"regions_struck\":[\"UA-63\"],\"killed\":{\"total\":1,\"children\":0},"
                + "\"injured\":{\"total\":3,\"children\":1},\"responders\":20,"
                + "\"source\":\"https://example.org/statement\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}";
    }
}
