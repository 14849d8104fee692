package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class BadInputApiTest {
    static RunningServer s;
    static String kyivOperator;

    @BeforeAll
    static void start() {
        kyivOperator = s.token(Role.OPERATOR, List.of("UA-32"), "Kyiv oblast operator");
    }

    enum Who { ADMIN, KYIV_OPERATOR, NONE, WRONG }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", Who.ADMIN, "{\"regions\":[\"UA-32\"", 400, "malformed-json"),
                Arguments.of("not an object", Who.ADMIN, "[1,2]", 400, "malformed-json"),
                Arguments.of("empty body", Who.ADMIN, "", 400, "malformed-json"),
                Arguments.of("unknown field", Who.ADMIN, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"x\":1}", 400, "invalid-field"),
                Arguments.of("regions not an array", Who.ADMIN, "{\"regions\":\"UA-32\",\"threat\":\"air_raid\"}", 400, "invalid-field"),
                Arguments.of("unknown region", Who.ADMIN, "{\"regions\":[\"UA-99\"],\"threat\":\"air_raid\"}", 422, "unknown-region"),
                Arguments.of("unknown threat", Who.ADMIN, "{\"regions\":[\"UA-32\"],\"threat\":\"meteor\"}", 422, "unknown-threat"),
                Arguments.of("missing threat", Who.ADMIN, "{\"regions\":[\"UA-32\"]}", 422, "unknown-threat"),
                Arguments.of("subtype on artillery", Who.ADMIN, "{\"regions\":[\"UA-32\"],\"threat\":\"artillery\",\"subtype\":\"drones\"}", 422, "unknown-threat"),
                Arguments.of("expiry in the past", Who.ADMIN, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"expires_at\":\"2020-01-01T00:00:00Z\"}", 400, "invalid-field"),
                Arguments.of("region outside scope", Who.KYIV_OPERATOR, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}", 403, "out-of-scope"),
                Arguments.of("missing token", Who.NONE, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}", 401, "unauthenticated"),
                Arguments.of("wrong token", Who.WRONG, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}", 401, "unauthenticated"),
                Arguments.of("over-size body", Who.ADMIN, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"headline\":{\"uk\":\""
                        + "x".repeat(70_000) + "\"}}", 413, "body-too-large"));
    }

    @ParameterizedTest(name = "{0} → {3} {4}")
    @MethodSource("badRequests")
    void badInputGetsTheRightProblemAndTheServerKeepsServing(String what, Who who, String body, int status, String code)
            throws Exception {
        String token = switch (who) {
            case ADMIN -> s.admin;
            case KYIV_OPERATOR -> kyivOperator;
            case NONE -> null;
            case WRONG -> s.admin.substring(0, s.admin.length() - 4) + "AAAA";
        };
        long before = s.server.desk().board().lastSeq();
        HttpResponse<String> r = s.post("/api/v1/alerts", token, body);
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).endsWith(code);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(s.server.desk().board().lastSeq()).as("nothing was recorded").isEqualTo(before);
        assertThat(s.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anInScopeOperatorMayIssueInsideItsOblastDownToAHromada() {
        String hromada = io.tocsin.support.Regions.catalog().locator().locate(50.35, 30.95).get(0).code();
        assertThat(s.post("/api/v1/alerts", kyivOperator, "{\"regions\":[\"" + hromada + "\"],\"threat\":\"air_raid\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void unknownPathsAlertsAndQueriesAreProblemsToo() throws Exception {
        assertProblem(s.get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(s.get("/api/v1/alerts/no-such-id"), 404, "alert-not-found");
        assertProblem(s.post("/api/v1/alerts/no-such-id/end", s.admin, "{}"), 404, "alert-not-found");
        assertProblem(s.get("/api/v1/regions/UA-99"), 404, "not-found");
        assertProblem(s.get("/api/v1/events?after=abc"), 400, "invalid-query");
        assertProblem(s.get("/api/v1/status?lat=95&lon=30"), 400, "invalid-query");
        assertProblem(s.get("/api/v1/alerts/active?threat=meteor"), 422, "unknown-threat");
        assertProblem(s.get("/api/v1/stream?regions=UA-99"), 422, "unknown-region");
    }

    @Test
    void endingAnAlreadyEndedAlertIsAConflict() throws Exception {
        String id = Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}").body()).get("alert").get("id").asText();
        assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "").statusCode()).isEqualTo(200);
        assertProblem(s.post("/api/v1/alerts/" + id + "/end", s.admin, ""), 409, "invalid-transition");
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo(code);
    }
}
