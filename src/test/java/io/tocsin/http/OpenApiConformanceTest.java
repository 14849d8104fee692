package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document describes what the server really answers: real replies of a real server, through a whole alert's
 * life, the two-person rule, the admin routes and some refusals, each validated against the schema the document
 * gives for that operation and status (a status the document does not list fails too).
 */
@ExtendWith(ServerPerClass.class)
class OpenApiConformanceTest {
    /** Ten oblast-level units: the two-person rule holds an actual alert on them. */
    private static final String TEN_OBLASTS = "[\"UA-05\",\"UA-07\",\"UA-12\",\"UA-14\",\"UA-18\",\"UA-21\",\"UA-23\","
            + "\"UA-26\",\"UA-32\",\"UA-35\"]";

    static RunningServer s;
    static JsonNode doc;
    static OpenApiSchemas schemas;

    @BeforeAll
    static void fetch() {
        doc = json(s.get("/openapi.json"));
        schemas = new OpenApiSchemas();
    }

    @Test
    void publicReadsOperationsAndRefusalsMatchTheirDocumentedSchemas() {
        conforms("get", "/health", s.get("/health"));
        conforms("get", "/ready", s.get("/ready"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?kind=oblast"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?parent=UA-32"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?kind=volcano"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?q=brovary"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?q=%D0%9A%D1%80%D0%B8%D0%B2%D0%B8%D0%B9&limit=50"));
        conforms("get", "/api/v1/regions", s.get("/api/v1/regions?q=kyiv&limit=0"));
        conforms("get", "/api/v1/regions/{code}", s.get("/api/v1/regions/UA-99"));
        conforms("get", "/api/v1/status", s.get("/api/v1/status?lat=50.45&lon=30.52"));
        conforms("get", "/api/v1/status", s.get("/api/v1/status?lat=95&lon=30"));
        conforms("get", "/api/v1/alerts/active", s.get("/api/v1/alerts/active?threat=meteor"));
        conforms("get", "/api/v1/alerts/{id}", s.get("/api/v1/alerts/no-such-alert"));
        conforms("get", "/api/v1/events", s.get("/api/v1/events?after=abc"));
        conforms("post", "/api/v1/alerts", s.post("/api/v1/alerts", null, "{}"));
        conforms("post", "/api/v1/alerts", s.post("/api/v1/alerts", s.admin, "{\"regions\":"));
        conforms("post", "/api/v1/alerts", s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"colour\":1}"));
    }

    @Test
    void anAlertsLifeMatchesTheDocumentedSchemas() {
        String operator = s.token(Role.OPERATOR, List.of("UA-32"), "conformance operator");
        HttpResponse<String> issued = s.post("/api/v1/alerts", operator, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\","
                + "\"subtype\":\"drones\",\"headline\":{\"uk\":\"Загроза ударних БпЛА\",\"en\":\"Attack drone threat\"}}");
        conforms("post", "/api/v1/alerts", issued);
        String id = json(issued).at("/alert/id").asText();
        conforms("post", "/api/v1/alerts", s.post("/api/v1/alerts", operator, "{\"regions\":[\"UA-46\"],\"threat\":\"info\"}"));
        conforms("patch", "/api/v1/alerts/{id}", s.patch("/api/v1/alerts/" + id, operator, "{\"subtype\":\"ballistic_missile\"}"));
        conforms("post", "/api/v1/alerts", s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"UA-32\"],\"threat\":\"artillery\",\"status\":\"exercise\",\"expires_at\":\"2099-01-01T00:00:00Z\"}"));
        conforms("get", "/api/v1/alerts/{id}", s.get("/api/v1/alerts/" + id));
        conforms("get", "/api/v1/alerts/{id}/events", s.get("/api/v1/alerts/" + id + "/events"));
        conforms("get", "/api/v1/alerts/active", s.get("/api/v1/alerts/active?status=all"));
        conforms("get", "/api/v1/regions/{code}", s.get("/api/v1/regions/UA-32?status=all"));
        String raion = json(s.get("/api/v1/regions/UA-32")).path("children").get(0).asText();
        HttpResponse<String> inherited = s.get("/api/v1/regions/" + raion);
        conforms("get", "/api/v1/regions/{code}", inherited);
        assertThat(json(inherited).at("/status/alerts/0/inherited").asBoolean()).isTrue();
        conforms("get", "/api/v1/regions/{code}/history", s.get("/api/v1/regions/UA-32/history"));
        conforms("get", "/api/v1/events", s.get("/api/v1/events?status=all"));
        conforms("post", "/api/v1/alerts/{id}/end", s.post("/api/v1/alerts/" + id + "/end", operator, "{\"reason\":\"false_alarm\"}"));
        conforms("post", "/api/v1/alerts/{id}/end", s.post("/api/v1/alerts/" + id + "/end", operator, ""));
        conforms("patch", "/api/v1/alerts/{id}", s.patch("/api/v1/alerts/" + id, operator, "{\"stage\":\"alert\"}"));
    }

    @Test
    void theTwoPersonRuleAndTheAdminRoutesMatchTheDocumentedSchemas() {
        String second = s.token(Role.ADMIN, List.of(), "second admin");
        String integrator = s.token(Role.INTEGRATOR, List.of(), "integrator");
        HttpResponse<String> held = s.post("/api/v1/alerts", s.admin,
                "{\"regions\":" + TEN_OBLASTS + ",\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
        conforms("post", "/api/v1/alerts", held);
        assertThat(held.statusCode()).isEqualTo(202);
        String pending = json(held).path("id").asText();
        conforms("get", "/api/v1/approvals", s.getAuth("/api/v1/approvals", integrator));
        conforms("post", "/api/v1/approvals/{id}/approve", s.post("/api/v1/approvals/" + pending + "/approve", s.admin, ""));
        conforms("post", "/api/v1/approvals/{id}/approve", s.post("/api/v1/approvals/" + pending + "/approve", second, ""));
        conforms("post", "/api/v1/approvals/{id}/approve", s.post("/api/v1/approvals/" + pending + "/approve", second, ""));

        conforms("get", "/api/v1/audit", s.getAuth("/api/v1/audit?limit=1000", s.admin));
        conforms("get", "/api/v1/audit", s.getAuth("/api/v1/audit", integrator));
        conforms("get", "/api/v1/audit/verify", s.getAuth("/api/v1/audit/verify", s.admin));
        conforms("get", "/api/v1/audit/checkpoint", s.get("/api/v1/audit/checkpoint"));
        conforms("get", "/api/v1/reviews", s.getAuth("/api/v1/reviews", s.admin));
        conforms("get", "/api/v1/reviews", s.getAuth("/api/v1/reviews", integrator));
        HttpResponse<String> created = s.post("/api/v1/tokens", s.admin,
                "{\"role\":\"operator\",\"scope\":[\"UA-32\"],\"name\":\"Kyiv oblast duty officer\",\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        conforms("post", "/api/v1/tokens", created);
        conforms("post", "/api/v1/tokens", s.post("/api/v1/tokens", s.admin, "{\"role\":\"operator\",\"name\":\"no scope\"}"));
        conforms("get", "/api/v1/tokens", s.getAuth("/api/v1/tokens", s.admin));
        String tokenId = json(created).path("id").asText();
        conforms("delete", "/api/v1/tokens/{id}", s.delete("/api/v1/tokens/" + tokenId, s.admin));
        conforms("delete", "/api/v1/tokens/{id}", s.delete("/api/v1/tokens/" + tokenId, s.admin));
    }

    @Test
    void theDocumentsOwnCapExampleImportsAndItsReplyMatchesTheSchema() {
        String example = doc.at("/paths/~1api~1v1~1cap/post/requestBody/content/application~1cap+xml/example").asText();
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/api/v1/cap"))
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofString(example)).build());
        conforms("post", "/api/v1/cap", r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        conforms("post", "/api/v1/cap", s.post("/api/v1/cap", s.admin, "{}"));
    }

    /** The reply's status is one the document lists for the operation, and its body matches that schema. */
    private static void conforms(String method, String path, HttpResponse<String> r) {
        String what = method.toUpperCase(Locale.ROOT) + " " + path + " -> " + r.statusCode() + " " + r.body();
        JsonNode response = doc.path("paths").path(path).path(method).path("responses").path(String.valueOf(r.statusCode()));
        assertThat(response.isMissingNode()).as("the document lists the status of " + what).isFalse();
        if (r.statusCode() == 204) {
            assertThat(r.body()).isEmpty();
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0];
        JsonNode media = response.path("content").path(type);
        assertThat(media.isMissingNode()).as("the document lists the media type " + type + " of " + what).isFalse();
        assertThat(schemas.instanceErrors(doc, media.path("schema"), json(r))).as(what).isEmpty();
    }
}
