package io.tocsin.security;

import static io.tocsin.support.Responses.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class TwoPersonRuleApiTest {
    static RunningServer s;
    static String nationalA;
    static String nationalB;
    static String kyivOnly;

    static final String NATIONWIDE = "{\"regions\":[\"UA\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}";

    @BeforeAll
    static void start() {
        nationalA = s.token(Role.OPERATOR, List.of("UA"), "national duty officer A");
        nationalB = s.token(Role.OPERATOR, List.of("UA"), "national duty officer B");
        kyivOnly = s.token(Role.OPERATOR, List.of("UA-32"), "Kyiv oblast officer");
    }

    @Test
    void aNationwideAlertWaitsForASecondInScopeOperator() throws Exception {
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            HttpResponse<String> held = s.post("/api/v1/alerts", nationalA, NATIONWIDE);
            assertThat(held.statusCode()).isEqualTo(202);
            String id = json(held).get("id").asText();
            assertThat(json(held).get("status").asText()).isEqualTo("pending_approval");
            assertThat(s.get("/api/v1/alerts/active").body()).doesNotContain(id);
            assertThat(sub.poll(Duration.ofMillis(300))).as("nothing is published before approval").isNull();
            assertThat(s.getAuth("/api/v1/approvals", kyivOnly).body()).contains(id);

            assertProblem(s.post("/api/v1/approvals/" + id + "/approve", nationalA, ""), 403, "self-approval");
            assertProblem(s.post("/api/v1/approvals/" + id + "/approve", kyivOnly, ""), 403, "out-of-scope");

            HttpResponse<String> approved = s.post("/api/v1/approvals/" + id + "/approve", nationalB, "");
            assertThat(approved.statusCode()).isEqualTo(201);
            assertThat(json(approved).get("alert").get("id").asText()).isEqualTo(id);
            assertThat(s.get("/api/v1/alerts/active").body()).contains(id);
            assertThat(sub.next(Duration.ofSeconds(5)).alertId()).isEqualTo(id);
            assertProblem(s.post("/api/v1/approvals/" + id + "/approve", nationalB, ""), 404, "approval-not-found");

            JsonNode audit = json(s.getAuth("/api/v1/audit?limit=1000", s.admin)).get("events");
            List<String> types = audit.findValuesAsText("type");
            assertThat(types).containsSubsequence("approval.requested", "approval.granted", "alert.issued");
            assertThat(audit.findParents("actor").stream().filter(e -> e.get("type").asText().equals("approval.granted"))
                    .map(e -> e.get("actor").asText()).findFirst().orElseThrow()).isNotEqualTo(
                    audit.findParents("actor").stream().filter(e -> e.get("type").asText().equals("approval.requested"))
                            .map(e -> e.get("actor").asText()).findFirst().orElseThrow());
        }
    }

    @Test
    void chemicalAndNuclearAlertsAreHeldEvenForOneOblastButRegionalAirRaidsAndDrillsAreNot() throws Exception {
        assertThat(s.post("/api/v1/alerts", kyivOnly, "{\"regions\":[\"UA-32\"],\"threat\":\"chemical\"}").statusCode())
                .isEqualTo(202);
        assertThat(s.post("/api/v1/alerts", kyivOnly, "{\"regions\":[\"UA-32\"],\"threat\":\"nuclear\"}").statusCode())
                .isEqualTo(202);
        assertThat(s.post("/api/v1/alerts", kyivOnly, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}").statusCode())
                .isEqualTo(201);
        assertThat(s.post("/api/v1/alerts", nationalA,
                "{\"regions\":[\"UA\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void anUpdateWideningAnAlertPastTheBoundIsHeldForApproval() throws Exception {
        String id = json(s.post("/api/v1/alerts", nationalA, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}"))
                .get("alert").get("id").asText();
        HttpResponse<String> held = s.patch("/api/v1/alerts/" + id, nationalA, "{\"regions\":[\"UA\"]}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("regions").toString()).isEqualTo("[\"UA-46\"]");
    }

    @Test
    void anUnapprovedRequestExpiresAndTheExpiryIsLogged() throws Exception {
        try (RunningServer quick = RunningServer.startWithApprovalTtl(Duration.ofSeconds(1))) {
            String a = quick.token(Role.OPERATOR, List.of("UA"), "a");
            String b = quick.token(Role.OPERATOR, List.of("UA"), "b");
            String id = json(quick.post("/api/v1/alerts", a, NATIONWIDE)).get("id").asText();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    quick.getAuth("/api/v1/audit?limit=1000", quick.admin).body().contains("approval.expired"));
            assertThat(quick.getAuth("/api/v1/approvals", a).body()).doesNotContain(id);
            assertProblem(quick.post("/api/v1/approvals/" + id + "/approve", b, ""), 404, "approval-not-found");
            assertThat(quick.get("/api/v1/alerts/active").body()).doesNotContain(id);
        }
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("code").asText()).isEqualTo(code);
    }
}
