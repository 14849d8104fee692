package io.tocsin.security;

import static io.tocsin.security.TwoPersonRuleApiTest.assertProblem;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * The two-person rule judges an update by the alert as it would be after it: a PATCH that makes an alert need a
 * second operator — wider than approved, or a threat that always needs one — is held like a new alert (202), and
 * the alert stays as it was until another operator approves.
 */
@ExtendWith(ServerPerClass.class)
class TwoPersonRuleOnUpdatesApiTest {
    static RunningServer s;
    static String a;
    static String b;

    static final String TEN_OBLASTS = "[\"UA-05\",\"UA-07\",\"UA-12\",\"UA-14\",\"UA-18\",\"UA-21\",\"UA-23\","
            + "\"UA-26\",\"UA-30\",\"UA-32\"]";

    @BeforeAll
    static void tokens() {
        a = s.token(Role.OPERATOR, List.of("UA"), "national duty officer A");
        b = s.token(Role.OPERATOR, List.of("UA"), "national duty officer B");
    }

    @Test
    void anApprovedChemicalAlertPatchedToAnAirRaidOverTheWholeCountryIsHeldUntilASecondOperatorApproves()
            throws Exception {
        String id = approved("{\"regions\":[\"UA-32\"],\"threat\":\"chemical\"}");

        HttpResponse<String> held = s.patch("/api/v1/alerts/" + id, a,
                "{\"regions\":[\"UA\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(json(held).get("status").asText()).isEqualTo("pending_approval");
        assertThat(json(held).get("id").asText()).isEqualTo(id);
        assertThat(json(held).get("alert").get("regions")).hasSize(27);

        JsonNode unchanged = json(s.get("/api/v1/alerts/" + id));
        assertThat(unchanged.get("threat").asText()).isEqualTo("chemical");
        assertThat(unchanged.get("regions").toString()).isEqualTo("[\"UA-32\"]");
        JsonNode listed = pendingFor(id);
        assertThat(listed.get("kind").asText()).isEqualTo("update");
        assertThat(listed.get("current").get("threat").asText()).isEqualTo("chemical");

        assertProblem(s.post("/api/v1/approvals/" + id + "/approve", a, ""), 403, "self-approval");
        HttpResponse<String> approved = s.post("/api/v1/approvals/" + id + "/approve", b, "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("type").asText()).isEqualTo("alert.updated");
        JsonNode now = json(s.get("/api/v1/alerts/" + id));
        assertThat(now.get("threat").asText()).isEqualTo("air_raid");
        assertThat(now.get("regions")).hasSize(27);
        List<String> types = json(s.get("/api/v1/alerts/" + id + "/events")).get("events").findValuesAsText("type");
        assertThat(types).containsExactly("alert.issued", "alert.updated");

        // What was approved can be kept current at once: new texts, a narrower area of the same threat.
        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"headline\":{\"uk\":\"Балістика\",\"en\":\"Ballistic\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"regions\":[\"UA-32\",\"UA-30\"]}").statusCode())
                .isEqualTo(200);
        // ... but widening it back past the bound is a new decision again.
        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"regions\":" + TEN_OBLASTS + "}").statusCode())
                .isEqualTo(202);
    }

    @Test
    void aRegionalAlertWidenedToTenOblastLevelUnitsIsHeld() throws Exception {
        String id = issued("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        HttpResponse<String> held = s.patch("/api/v1/alerts/" + id, a, "{\"regions\":" + TEN_OBLASTS + "}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("regions").toString()).isEqualTo("[\"UA-46\"]");

        // A raion counts as its oblast: nine oblasts and a raion of a tenth are ten units.
        String raion = json(s.get("/api/v1/regions?kind=raion&parent=UA-46")).get("regions").get(0).get("code")
                .asText();
        String nine = TEN_OBLASTS.replace(",\"UA-32\"", "");
        String other = issued("{\"regions\":[\"UA-71\"],\"threat\":\"artillery\"}");
        assertThat(s.patch("/api/v1/alerts/" + other, a,
                "{\"regions\":" + nine.replace("]", ",\"" + raion + "\"]") + "}").statusCode()).isEqualTo(202);
    }

    @Test
    void anApprovedTenUnitInfoAlertPatchedToNuclearIsHeld() throws Exception {
        String id = approved("{\"regions\":" + TEN_OBLASTS + ",\"threat\":\"info\"}");
        HttpResponse<String> held = s.patch("/api/v1/alerts/" + id, a, "{\"regions\":[\"UA\"],\"threat\":\"nuclear\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("threat").asText()).isEqualTo("info");
    }

    @Test
    void aRegionalAlertPatchedToChemicalOrNuclearIsHeld() throws Exception {
        for (String threat : List.of("chemical", "nuclear")) {
            String id = issued("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            HttpResponse<String> held = s.patch("/api/v1/alerts/" + id, a, "{\"threat\":\"" + threat + "\"}");
            assertThat(held.statusCode()).as(threat + ": " + held.body()).isEqualTo(202);
            assertThat(json(s.get("/api/v1/alerts/" + id)).get("threat").asText()).isEqualTo("air_raid");
        }
        // A drill is never held, whatever it becomes.
        String drill = issued("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
        assertThat(s.patch("/api/v1/alerts/" + drill, a, "{\"threat\":\"nuclear\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aHeldUpdateIsNeverAppliedOverAChangeMadeSinceItWasRequested() throws Exception {
        String id = issued("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"threat\":\"chemical\"}").statusCode()).isEqualTo(202);
        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"headline\":{\"uk\":\"Нове\",\"en\":\"New\"}}")
                .statusCode()).isEqualTo(200);
        assertProblem(s.post("/api/v1/approvals/" + id + "/approve", b, ""), 409, "invalid-transition");
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("threat").asText()).isEqualTo("air_raid");

        assertThat(s.patch("/api/v1/alerts/" + id, a, "{\"threat\":\"chemical\"}").statusCode()).isEqualTo(202);
        assertThat(s.post("/api/v1/alerts/" + id + "/end", a, "{\"reason\":\"all_clear\"}").statusCode())
                .isEqualTo(200);
        assertProblem(s.post("/api/v1/approvals/" + id + "/approve", b, ""), 409, "invalid-transition");
    }

    private static String issued(String body) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/alerts", a, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("alert").get("id").asText();
    }

    private static String approved(String body) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/alerts", a, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = json(r).get("id").asText();
        assertThat(s.post("/api/v1/approvals/" + id + "/approve", b, "").statusCode()).isEqualTo(201);
        return id;
    }

    private static JsonNode pendingFor(String id) throws Exception {
        for (JsonNode p : json(s.getAuth("/api/v1/approvals", b)).get("approvals")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no pending approval for " + id);
    }
}
