package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import static io.tocsin.cap.CapHttp.drones;
import static io.tocsin.cap.CapHttp.geocodeArea;
import static io.tocsin.cap.CapHttp.message;
import static io.tocsin.cap.CapHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.cap.mapping.CapPolygons;
import io.tocsin.domain.Role;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /api/v1/cap: what is refused, how it is explained, and what is accepted without being published. */
@ExtendWith(ServerPerClass.class)
class CapImportApiTest {
    static RunningServer s;

    static String id() {
        return "test-" + UUID.randomUUID();
    }

    static JsonNode problem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        return p;
    }

    static List<String> active(String status) {
        return json(s.get("/api/v1/alerts/active?status=" + status)).get("alerts").findValuesAsText("id");
    }

    @Test
    void aMessageTheValidatorRefusesIsAProblemListingEachErrorByXpath() {
        String xml = message(id(), "Actual", "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-46"))
                .replace("<scope>Public</scope>", "<scope>Everyone</scope>")
                .replace("<severity>Extreme</severity>", "");
        JsonNode p = problem(post(s, s.admin, xml), 400, "invalid-cap");
        assertThat(p.get("errors")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(p.get("errors").findValuesAsText("xpath")).anyMatch(x -> x.startsWith("/alert/scope"))
                .anyMatch(x -> x.startsWith("/alert/info[1]"));
        assertThat(p.get("errors").findValuesAsText("category")).containsOnly("schema");
    }

    @Test
    void anXxeMessageIsRefusedUnreadAsASecurityError() throws Exception {
        JsonNode p = problem(post(s, s.admin, CapCorpus.text("invalid/google_xee.cap")), 400, "invalid-cap");
        assertThat(p.get("errors").get(0).get("code").asText()).isEqualTo("security.doctype");
        assertThat(p.get("errors").get(0).get("category").asText()).isEqualTo("security");
    }

    @Test
    void anUnknownGeocodeIs422AndNamesTheGeocode() {
        String xml = message(id(), "Actual", "Alert", null, "Air raid",
                drones() + geocodeArea("ISO3166-2", "UA-46") + geocodeArea("KATOTTH", "UA99999999999999999"));
        JsonNode p = problem(post(s, s.admin, xml), 422, "unknown-region");
        assertThat(p.get("errors").get(0).get("xpath").asText()).isEqualTo("/alert/info[1]/area[2]/geocode[1]");
        assertThat(p.get("detail").asText()).contains("UA99999999999999999");
    }

    @Test
    void anOperatorImportsOnlyInsideItsScope() {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv officer");
        String kyiv = message(id(), "Actual", "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-32"));
        problem(post(s, lviv, kyiv), 403, "out-of-scope");
        String inLviv = message(id(), "Actual", "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-46"));
        assertThat(post(s, lviv, inLviv).statusCode()).isEqualTo(201);
        problem(post(s, null, inLviv), 401, "unauthenticated");
        problem(post(s, s.token(Role.INTEGRATOR, List.of(), "reader"), inLviv), 403, "forbidden");
    }

    @Test
    void systemAndDraftMessagesAreAcceptedButNeverPublished() {
        for (String status : List.of("Draft", "System")) {
            List<String> before = active("all");
            String xml = message(id(), status, "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-61"));
            HttpResponse<String> r = post(s, s.admin, xml);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode body = json(r);
            assertThat(body.get("published").asBoolean()).isFalse();
            assertThat(body.get("result").asText()).isEqualTo("not_published");
            assertThat(body.get("detail").asText()).contains("never published");
            assertThat(body.get("cap").get("regions").get(0).asText()).isEqualTo("UA-61");
            assertThat(active("all")).isEqualTo(before);
        }
    }

    @Test
    void aPolygonOnlyAreaResolvesToTheRegionsItCovers() {
        String lvivPolygon = new CapPolygons(Regions.catalog().locator()).of("UA-46", 500).get(0);
        String xml = message(id(), "Actual", "Alert", null, "Air raid",
                drones() + "<area><areaDesc>Lviv oblast</areaDesc><polygon>" + lvivPolygon + "</polygon></area>");
        HttpResponse<String> r = post(s, s.admin, xml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("alert").get("regions").get(0).asText()).isEqualTo("UA-46");
        assertThat(json(r).get("alert").get("regions")).hasSize(1);

        String hromada = Regions.catalog().locator().locateOne(49.84, 24.03).orElseThrow().code();
        String point = message(id(), "Actual", "Alert", null, "Air raid",
                drones() + "<area><areaDesc>Lviv centre</areaDesc><circle>49.84,24.03 0</circle></area>");
        HttpResponse<String> p = post(s, s.admin, point);
        assertThat(p.statusCode()).as(p.body()).isEqualTo(201);
        assertThat(json(p).get("alert").get("regions").get(0).asText()).isEqualTo(hromada);

        String circle = message(id(), "Actual", "Alert", null, "Air raid",
                drones() + "<area><areaDesc>Lviv centre</areaDesc><circle>49.84,24.03 2</circle></area>");
        JsonNode c = json(post(s, s.admin, circle));
        assertThat(c.get("alert").get("regions").toString()).contains(hromada);
    }

    @Test
    void withoutTocsinsEventCodeTheEventWordsNameTheThreatOrTheMessageIsRefused() {
        String words = message(id(), "Actual", "Alert", null, "Загроза застосування балістичного озброєння",
                geocodeArea("ISO3166-2", "UA-63"));
        HttpResponse<String> r = post(s, s.admin, words);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("alert").get("subtype").asText()).isEqualTo("ballistic_missile");

        String unknown = message(id(), "Actual", "Alert", null, "Flood", geocodeArea("ISO3166-2", "UA-63"));
        JsonNode p = problem(post(s, s.admin, unknown), 422, "cap-unmappable");
        assertThat(p.get("errors").get(0).get("xpath").asText()).isEqualTo("/alert/info[1]/event[1]");
        assertThat(p.get("detail").asText()).contains("TOCSIN");
    }

    @Test
    void anAllClearSentAsANewAlertIsNotIssued() {
        String xml = message(id(), "Actual", "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-46"))
                .replace("<urgency>Immediate</urgency>", "<responseType>AllClear</responseType><urgency>Past</urgency>");
        JsonNode p = problem(post(s, s.admin, xml), 422, "cap-unmappable");
        assertThat(p.get("errors").get(0).get("code").asText()).isEqualTo("msgtype.all-clear-alert");
    }

    @Test
    void anUpdateThatReferencesNothingImportedHereIs422() {
        String xml = message(id(), "Actual", "Update", "ops@dsns.example,never-seen,2026-03-01T09:00:00+02:00",
                "Air raid", drones() + geocodeArea("ISO3166-2", "UA-46"));
        JsonNode p = problem(post(s, s.admin, xml), 422, "cap-unknown-reference");
        assertThat(p.get("errors").get(0).get("xpath").asText()).isEqualTo("/alert/references[1]");
    }

    @Test
    void anUpdateCannotTurnAnActualAlertIntoAnExercise() {
        String first = id();
        assertThat(post(s, s.admin, message(first, "Actual", "Alert", null, "Air raid",
                drones() + geocodeArea("ISO3166-2", "UA-53"))).statusCode()).isEqualTo(201);
        String update = message(id(), "Exercise", "Update", "ops@dsns.example," + first + ",2026-03-01T10:00:00+02:00",
                "Air raid", drones() + geocodeArea("ISO3166-2", "UA-53"));
        problem(post(s, s.admin, update), 409, "invalid-transition");
    }

    @Test
    void theBodyIsXmlUpTo2MiBNotJsonUpTo64KiB() {
        String big = message(id(), "Actual", "Alert", null, "Air raid", drones()
                + "<description>" + "Тест ".repeat(20_000) + "</description>" + geocodeArea("ISO3166-2", "UA-74"));
        assertThat(big.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
        assertThat(post(s, s.admin, big).statusCode()).isEqualTo(201);

        byte[] huge = new byte[(int) SecureXml.MESSAGE_LIMIT + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        JsonNode p = problem(post(s, s.admin, huge, "application/cap+xml"), 413, "body-too-large");
        assertThat(p.get("detail").asText()).contains(String.valueOf(SecureXml.MESSAGE_LIMIT));

        String json = message(id(), "Actual", "Alert", null, "Air raid", drones() + geocodeArea("ISO3166-2", "UA-74"));
        problem(post(s, s.admin, json.getBytes(StandardCharsets.UTF_8), "application/json"), 415,
                "unsupported-media-type");
    }
}
