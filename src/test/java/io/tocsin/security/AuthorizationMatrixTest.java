package io.tocsin.security;

import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role × every write and admin endpoint × inside / outside the operator's scope → the expected verdict.
 * The target region is UA-32 (Kyiv oblast): inside the in-scope operator's scope, outside the other one's.
 */
class AuthorizationMatrixTest {
    static RunningServer s;
    static Map<Who, String> tokens;
    static String requester;

    enum Who { ADMIN, OPERATOR_IN_SCOPE, OPERATOR_OUT_OF_SCOPE, INTEGRATOR, REVOKED, NONE }

    enum Endpoint { ISSUE, UPDATE, END, APPROVE, LIST_APPROVALS, LIST_REVIEWS, AUDIT, AUDIT_VERIFY, LIST_TOKENS, CREATE_TOKEN, REVOKE_TOKEN }

    @BeforeAll
    static void start() {
        s = RunningServer.start(new ServerConfig.Limits(1_000, 10_000));
        String revoked = s.token(Role.OPERATOR, List.of("UA-32"), "revoked operator");
        s.server.tokens().revoke(revoked.substring(4, revoked.indexOf('_', 4)));
        tokens = new java.util.EnumMap<>(Who.class);
        tokens.put(Who.ADMIN, s.admin);
        tokens.put(Who.OPERATOR_IN_SCOPE, s.token(Role.OPERATOR, List.of("UA-32"), "Kyiv oblast officer"));
        tokens.put(Who.OPERATOR_OUT_OF_SCOPE, s.token(Role.OPERATOR, List.of("UA-46"), "Lviv oblast officer"));
        tokens.put(Who.INTEGRATOR, s.token(Role.INTEGRATOR, List.of(), "integrator"));
        tokens.put(Who.REVOKED, revoked);
        requester = s.token(Role.OPERATOR, List.of("UA-32"), "requesting officer");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** The expected status for each cell; "write in scope" cells succeed only for admin and the in-scope operator. */
    static int expected(Who who, Endpoint e) {
        if (who == Who.NONE || who == Who.REVOKED) {
            return 401;
        }
        boolean adminOnly = switch (e) {
            case AUDIT, AUDIT_VERIFY, LIST_TOKENS, CREATE_TOKEN, REVOKE_TOKEN -> true;
            default -> false;
        };
        if (adminOnly) {
            return who == Who.ADMIN ? success(e) : 403;
        }
        if (e == Endpoint.LIST_APPROVALS) {
            return 200;
        }
        if (e == Endpoint.LIST_REVIEWS) {
            // Review requests are for the people who can act on alerts: any operator (filtered to its scope), admins.
            return who == Who.INTEGRATOR ? 403 : 200;
        }
        return who == Who.ADMIN || who == Who.OPERATOR_IN_SCOPE ? success(e) : 403;
    }

    static int success(Endpoint e) {
        return switch (e) {
            case ISSUE, APPROVE, CREATE_TOKEN -> 201;
            case REVOKE_TOKEN -> 204;
            default -> 200;
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Who who : Who.values()) {
            for (Endpoint e : Endpoint.values()) {
                out.add(Arguments.of(who, e, expected(who, e)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("matrix")
    void everyRoleGetsTheExpectedVerdictOnEveryEndpoint(Who who, Endpoint endpoint, int status) throws Exception {
        String t = tokens.get(who);
        HttpResponse<String> r = switch (endpoint) {
            case ISSUE -> s.post("/api/v1/alerts", t, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
            case UPDATE -> s.patch("/api/v1/alerts/" + alertInKyivOblast(), t, "{\"stage\":\"alert\"}");
            case END -> s.post("/api/v1/alerts/" + alertInKyivOblast() + "/end", t, "{\"reason\":\"false_alarm\"}");
            case APPROVE -> s.post("/api/v1/approvals/" + pendingInKyivOblast() + "/approve", t, "");
            case LIST_APPROVALS -> s.getAuth("/api/v1/approvals", t);
            case LIST_REVIEWS -> s.getAuth("/api/v1/reviews", t);
            case AUDIT -> s.getAuth("/api/v1/audit", t);
            case AUDIT_VERIFY -> s.getAuth("/api/v1/audit/verify", t);
            case LIST_TOKENS -> s.getAuth("/api/v1/tokens", t);
            case CREATE_TOKEN -> s.post("/api/v1/tokens", t, "{\"role\":\"operator\",\"scope\":[\"UA-32\"],\"name\":\"new\"}");
            case REVOKE_TOKEN -> s.delete("/api/v1/tokens/" + freshTokenId(), t);
        };
        assertThat(r.statusCode()).as(who + " " + endpoint + ": " + r.body()).isEqualTo(status);
        if (status >= 400) {
            String code = Json.MAPPER.readTree(r.body()).get("code").asText();
            assertThat(code).isIn(status == 401 ? List.of("unauthenticated")
                    : who == Who.OPERATOR_OUT_OF_SCOPE && !isAdminOnly(endpoint) ? List.of("out-of-scope")
                    : List.of("forbidden"));
        }
    }

    static boolean isAdminOnly(Endpoint e) {
        return expected(Who.OPERATOR_IN_SCOPE, e) == 403;
    }

    private static String alertInKyivOblast() throws Exception {
        return Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\","
                + "\"stage\":\"pre_alert\"}").body()).get("alert").get("id").asText();
    }

    private static String pendingInKyivOblast() throws Exception {
        HttpResponse<String> r = s.post("/api/v1/alerts", requester, "{\"regions\":[\"UA-32\"],\"threat\":\"chemical\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("id").asText();
    }

    private static String freshTokenId() throws Exception {
        String bearer = s.token(Role.INTEGRATOR, List.of(), "to revoke");
        return bearer.substring(4, bearer.indexOf('_', 4));
    }
}
