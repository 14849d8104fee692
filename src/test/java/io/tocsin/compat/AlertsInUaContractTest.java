package io.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.tocsin.compat.Compat.AIU;
import static io.tocsin.compat.Compat.bearer;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** alerts.in.ua v1 as its clients use it (the compat spec, §2), against a real server. */
@ExtendWith(ServerPerClass.class)
class AlertsInUaContractTest {
    static RunningServer s;
    static String token;

    /**
     * The IoT string's order by position, written out here from devs.alerts.in.ua (not from the product's table):
     * position → ISO 3166-2 code of the oblast-level unit.
     */
    static final List<String> IOT_ISO = List.of("UA-43", "UA-07", "UA-05", "UA-12", "UA-14", "UA-18", "UA-21",
            "UA-23", "UA-26", "UA-30", "UA-32", "UA-35", "UA-09", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56",
            "UA-40", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-77", "UA-74");

    @BeforeAll
    static void alerts() {
        token = s.token(Role.INTEGRATOR, List.of(), "aiu client");
        Compat.issue(s, Compat.air(Compat.region(124), "drones"));         // Харківський район: P for Kharkiv
        Compat.issue(s, Compat.air("UA-07", "ballistic_missile"));        // Volyn, whole oblast: A
        Compat.issue(s, Compat.air("UA-40", "cruise_missile"));           // Sevastopol: A
        Compat.issue(s, Compat.air("UA-74", "aviation"));                 // Chernihiv: A
        Compat.issue(s, "{\"regions\":[\"UA-05\"],\"threat\":\"artillery\"}");           // not an air raid: N
        Compat.issue(s, "{\"regions\":[\"UA-12\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}"); // never shown
        Compat.issue(s, "{\"regions\":[\"UA-18\"],\"threat\":\"info\"}");               // no alerts.in.ua type
    }

    @Test
    void theOblastStringHas27CharactersInTheDocumentedOrder() {
        HttpResponse<String> r = bearer(s, AIU + "/v1/iot/active_air_raid_alerts_by_oblast.json", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.isTextual()).isTrue();
        StringBuilder expected = new StringBuilder("N".repeat(27));
        expected.setCharAt(IOT_ISO.indexOf("UA-07"), 'A');
        expected.setCharAt(IOT_ISO.indexOf("UA-40"), 'A');
        expected.setCharAt(IOT_ISO.indexOf("UA-74"), 'A');
        expected.setCharAt(IOT_ISO.indexOf("UA-63"), 'P');
        assertThat(body.asText()).isEqualTo(expected.toString()).hasSize(27);
        assertThat(body.asText().charAt(1)).isEqualTo('A'); // Волинська is position 1, before Вінницька
    }

    @Test
    void theSingleLocationStatusInheritsDownwardAndAcceptsCityUids() {
        assertThat(status(22)).isEqualTo("P");  // Харківська область: only a raion is alerted
        assertThat(status(124)).isEqualTo("A"); // the raion itself
        assertThat(status(1293)).isEqualTo("A"); // a hromada of it inherits
        assertThat(status(6293)).isEqualTo("A"); // м. Харків, the city uid of hromada 1293
        assertThat(status(8)).isEqualTo("A");
        assertThat(status(38)).isEqualTo("A");  // Володимирський район of Volyn inherits the oblast's alert
        assertThat(status(4)).isEqualTo("N");   // artillery is not an air raid
        assertThat(status(9)).isEqualTo("N");   // an exercise never shows
        HttpResponse<String> unknown = bearer(s, AIU + "/v1/iot/active_air_raid_alerts/4242.json", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("message").isTextual()).isTrue();
    }

    private static String status(int uid) {
        HttpResponse<String> r = bearer(s, AIU + "/v1/iot/active_air_raid_alerts/" + uid + ".json", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("\"[APN]\"");
        return json(r).asText();
    }

    @Test
    void theUidIndexedStringHasASpaceForUnassignedUids() {
        String all = json(bearer(s, AIU + "/v1/iot/active_air_raid_alerts.json", token)).asText();
        assertThat(all).startsWith("   N").hasSize(1912); // uids 0–2 unassigned, 3 = Хмельницька; max uid 1911
        assertThat(all.charAt(124)).isEqualTo('A');
        assertThat(all.charAt(22)).isEqualTo('P');
        assertThat(all.charAt(1293)).isEqualTo('A');
        assertThat(all.charAt(8)).isEqualTo('A');
        assertThat(all.charAt(1801)).isEqualTo('N');
        assertThat(all.charAt(1)).isEqualTo(' ');
    }

    @Test
    void activeAlertsHaveEveryKeyWithTheTypesStrictClientsEnforce() {
        HttpResponse<String> r = bearer(s, AIU + "/v1/alerts/active.json", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Last-Modified").orElseThrow()).matches(Compat.RFC_1123);
        JsonNode body = json(r);
        assertThat(body.get("meta").get("last_updated_at").asText()).matches(Compat.ENVELOPE_TIME);
        assertThat(body.get("meta").get("type").asText()).isEqualTo("full");
        assertThat(body.get("disclaimer").isTextual()).isTrue();
        List<String> types = new ArrayList<>();
        JsonNode raion = null;
        for (JsonNode a : body.get("alerts")) {
            for (String key : List.of("id", "location_title", "location_type", "started_at", "finished_at",
                    "updated_at", "alert_type", "location_uid", "location_oblast", "location_oblast_uid",
                    "location_raion", "notes", "calculated", "country")) {
                assertThat(a.has(key)).as("key %s in %s", key, a).isTrue();
            }
            assertThat(a.get("id").isIntegralNumber()).isTrue();
            assertThat(a.get("location_uid").isTextual()).isTrue();
            assertThat(a.get("location_oblast_uid").isInt()).isTrue();
            assertThat(a.get("location_oblast").isTextual()).isTrue();
            assertThat(a.get("started_at").asText()).matches(Compat.AIU_TIME);
            assertThat(a.get("updated_at").asText()).matches(Compat.AIU_TIME);
            assertThat(a.get("finished_at").isNull()).isTrue();
            assertThat(a.get("location_type").asText()).isIn("oblast", "raion", "city", "hromada", "unknown");
            types.add(a.get("alert_type").asText());
            if (a.get("location_uid").asText().equals("124")) {
                raion = a;
            }
        }
        assertThat(types).containsExactlyInAnyOrder("air_raid", "air_raid", "air_raid", "air_raid",
                "artillery_shelling"); // not the exercise, not the info
        assertThat(raion).isNotNull();
        assertThat(raion.get("location_type").asText()).isEqualTo("raion");
        assertThat(raion.get("location_oblast_uid").asInt()).isEqualTo(22);
        assertThat(raion.get("location_oblast").asText()).isEqualTo("Харківська область");
        assertThat(raion.get("alert_level").asText()).isEqualTo("yellow");
    }

    @Test
    void historyListsAlertsOfTheOblastAndItsPartsOnBothPaths() {
        for (String path : List.of("/v1/regions/22/alerts/week_ago.json", "/v1/locations/22/alerts/month_ago.json",
                "/v1/regions/22/alerts/day_ago.json")) {
            HttpResponse<String> r = bearer(s, AIU + path, token);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Last-Modified")).isPresent();
            JsonNode alerts = json(r).get("alerts");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("location_uid").asText()).isEqualTo("124");
        }
        HttpResponse<String> bad = bearer(s, AIU + "/v1/regions/22/alerts/year_ago.json", token);
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(json(bad).get("message").isTextual()).isTrue();
        assertThat(bearer(s, AIU + "/v1/regions/4242/alerts/week_ago.json", token).statusCode()).isEqualTo(404);
    }

    @Test
    void lastModifiedAnswers304AndIgnoresMalformedDates() {
        String path = AIU + "/v1/iot/active_air_raid_alerts_by_oblast.json";
        String lm = bearer(s, path, token).headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = Compat.bearerSince(s, path, token, lm);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("Last-Modified")).contains(lm);
        assertThat(Compat.bearerSince(s, path, token, "Mon, 06 May 2024 12:53:20 GMT").statusCode()).isEqualTo(200);
        for (String malformed : List.of("", "Some(\"Mon, 06 May 2024 12:53:20 GMT\")", "yesterday")) {
            assertThat(Compat.bearerSince(s, path, token, malformed).statusCode()).as(malformed).isEqualTo(200);
        }
    }

    @Test
    void tokensAreAcceptedAsBearerOrIntegratorTokensInTheUrl() {
        String path = AIU + "/v1/iot/active_air_raid_alerts_by_oblast.json";
        assertThat(bearer(s, path, s.admin).statusCode()).isEqualTo(200);
        assertThat(s.get(path + "?token=" + token).statusCode()).isEqualTo(200);
        String operator = s.token(Role.OPERATOR, List.of("UA-63"), "op");
        for (String secret : List.of(s.admin, operator)) {
            HttpResponse<String> r = s.get(path + "?token=" + secret);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("message").asText()).contains("integrator");
        }
        HttpResponse<String> none = s.get(path);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(none).get("message").isTextual()).isTrue();
        assertThat(bearer(s, path, "tcs_nope_nope").statusCode()).isEqualTo(401);
        HttpResponse<String> post = s.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).isEqualTo(405); // a path that is not one of the API's: Tocsin's own 405
    }
}
