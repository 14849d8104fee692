package io.tocsin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An alert issued without texts carries the standard wording everywhere it is shown; the operator's own text wins. */
@ExtendWith(ServerPerClass.class)
class StandardTextsApiTest {
    static RunningServer s;


    private static JsonNode issue(String body) throws Exception {
        var r = s.post("/api/v1/alerts", s.admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).get("alert");
    }

    @Test
    void anAlertWithoutTextsGetsTheStandardWordingInTheReplyTheStreamTheListAndCap() throws Exception {
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-63"), null)) {
            JsonNode a = issue("{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");

            assertThat(a.get("headline").get("uk").asText()).isEqualTo("Загроза застосування балістичного озброєння");
            assertThat(a.get("headline").get("en").asText()).isEqualTo("Ballistic missile threat");
            assertThat(a.get("instruction").get("uk").asText()).isEqualTo("Негайно прямуйте до найближчого укриття");
            assertThat(a.get("instruction").get("en").asText()).isEqualTo("Go to the nearest shelter now");
            assertThat(sub.next(Duration.ofSeconds(5)).data().get("alert").get("headline").get("en").asText())
                    .isEqualTo("Ballistic missile threat");
            String id = a.get("id").asText();
            assertThat(s.get("/api/v1/alerts/" + id).body()).contains("Ballistic missile threat");
            assertThat(s.get("/api/v1/alerts/" + id + ".cap").body()).contains("Ballistic missile threat")
                    .contains("Go to the nearest shelter now");
        }
    }

    @Test
    void aPlainAirRaidSaysAirRaidAndTheOperatorsOwnTextWins() throws Exception {
        JsonNode plain = issue("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        assertThat(plain.get("headline").get("uk").asText()).isEqualTo("Повітряна тривога");
        assertThat(plain.get("headline").get("en").asText()).isEqualTo("Air raid alert");

        JsonNode own = issue("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"headline\":{\"uk\":\"Тривога у Львові\"}}");
        assertThat(own.get("headline").get("uk").asText()).isEqualTo("Тривога у Львові");
        assertThat(own.get("headline").get("en").asText()).as("a language left out still gets the standard")
                .isEqualTo("Air raid alert");
    }

    @Test
    void standardTextsFollowTheAlertWhenAnUpdateChangesItsThreat() throws Exception {
        JsonNode a = issue("{\"regions\":[\"UA-30\"],\"threat\":\"air_raid\",\"subtype\":\"drones\",\"stage\":\"pre_alert\"}");
        assertThat(a.get("headline").get("en").asText()).isEqualTo("Warning. Attack drone threat");

        var r = s.patch("/api/v1/alerts/" + a.get("id").asText(), s.admin, "{\"stage\":\"alert\",\"subtype\":\"cruise_missile\"}");
        JsonNode updated = Json.MAPPER.readTree(r.body()).get("alert");

        assertThat(updated.get("headline").get("en").asText()).isEqualTo("Cruise missile threat");
        assertThat(updated.get("instruction").get("en").asText()).isEqualTo("Go to the nearest shelter now");
    }

    @Test
    void anEmptyTextIsRefusedNamingTheField() throws Exception {
        var r = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"instruction\":{\"en\":\"  \"}}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("detail").asText()).contains("instruction.en");
    }
}
