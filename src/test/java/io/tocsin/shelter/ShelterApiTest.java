package io.tocsin.shelter;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Time to shelter: set by an admin, inherited downward, carried in alert JSON, the stream and the CAP instruction. */
@ExtendWith(ServerPerClass.class)
class ShelterApiTest {
    static RunningServer s;

    @Test
    void anAdminsSettingIsInheritedDownwardAndCarriedByTheAlertsItsStreamEventAndItsCapInstruction() throws Exception {
        String raion = firstChild("UA-53");
        String hromada = firstChild(raion);
        HttpResponse<String> set = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/regions/UA-53/shelter"))
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"seconds\":90}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode inherited = json(s.get("/api/v1/regions/" + hromada + "/shelter"));
        assertThat(inherited.get("seconds").asInt()).isEqualTo(90);
        assertThat(inherited.get("set_on").asText()).isEqualTo("UA-53");
        assertThat(inherited.get("inherited").asBoolean()).isTrue();
        put(raion, "{\"seconds\":60}");

        try (SseClient stream = SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-53"), null)) {
            HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"" + hromada + "\",\"UA-46\"],\"threat\":\"air_raid\"}");
            assertThat(issued.statusCode()).isEqualTo(201);
            JsonNode alert = json(issued).get("alert");
            // The shortest of its regions': the hromada inherits its raion's 60 s; Lviv has none.
            assertThat(alert.get("time_to_shelter_seconds").asInt()).isEqualTo(60);
            String id = alert.get("id").asText();
            assertThat(stream.next(Duration.ofSeconds(10)).data().get("alert").get("time_to_shelter_seconds").asInt())
                    .isEqualTo(60);
            assertThat(json(s.get("/api/v1/alerts/" + id)).toString()).contains("\"time_to_shelter_seconds\":60");
            HttpResponse<String> cap = s.get("/api/v1/alerts/" + id + ".cap");
            assertThat(cap.body()).contains("Час до укриття: 60 с.").contains("Time to shelter: 60 s.");
            s.post("/api/v1/alerts/" + id + "/end", s.admin, "{}");
        }
    }

    @Test
    void anAlertWhereNoneIsSetHasNoTimeToShelterAndClearingInheritsAgain() {
        put("UA-21", "{\"seconds\":120}");
        String raion = firstChild("UA-21");
        put(raion, "{\"seconds\":30}");
        put(raion, "{\"seconds\":null}");
        assertThat(json(s.get("/api/v1/regions/" + raion + "/shelter")).get("seconds").asInt()).isEqualTo(120);
        HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-05\"],\"threat\":\"air_raid\"}");
        assertThat(json(issued).get("alert").has("time_to_shelter_seconds")).isFalse();
        s.post("/api/v1/alerts/" + json(issued).get("alert").get("id").asText() + "/end", s.admin, "{}");
    }

    @Test
    void onlyAnAdminSetsItAndWithinBounds() {
        String operator = s.token(Role.OPERATOR, List.of("UA-32"), "kyiv oblast");
        assertThat(putAs(operator, "UA-32", "{\"seconds\":90}").statusCode()).isEqualTo(403);
        assertThat(putAs(null, "UA-32", "{\"seconds\":90}").statusCode()).isEqualTo(401);
        assertThat(putAs(s.admin, "UA-32", "{\"seconds\":0}").statusCode()).isEqualTo(400);
        assertThat(putAs(s.admin, "UA-32", "{\"seconds\":\"fast\"}").statusCode()).isEqualTo(400);
        assertThat(putAs(s.admin, "UA-99", "{\"seconds\":90}").statusCode()).isEqualTo(404);
    }

    private static void put(String code, String body) {
        HttpResponse<String> r = putAs(s.admin, code, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> putAs(String token, String code, String body) {
        var b = java.net.http.HttpRequest.newBuilder(s.uri("/api/v1/regions/" + code + "/shelter"))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return s.send(b.build());
    }

    private static String firstChild(String code) {
        return json(s.get("/api/v1/regions?parent=" + code)).get("regions").get(0).get("code").asText();
    }
}
