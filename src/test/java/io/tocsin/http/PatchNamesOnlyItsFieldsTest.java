package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A PATCH changes only the fields it names (JSON merge patch): texts it leaves out stay as they were. */
@ExtendWith(ServerPerClass.class)
class PatchNamesOnlyItsFieldsTest {
    static RunningServer s;

    @Test
    void aPatchCarryingOnlyAnInstructionKeepsTheHeadline() {
        String id = issue();
        JsonNode after = patch(id, "{\"instruction\":{\"uk\":\"Негайно в укриття\",\"en\":\"Take shelter now\"}}");

        assertThat(after.get("headline").get("uk").asText()).isEqualTo("Загроза ударних БпЛА");
        assertThat(after.get("headline").get("en").asText()).isEqualTo("Attack drone threat");
        assertThat(after.get("instruction").get("en").asText()).isEqualTo("Take shelter now");
        assertThat(json(s.get("/api/v1/alerts/" + id)).get("headline").get("en").asText())
                .isEqualTo("Attack drone threat");
    }

    @Test
    void aPatchOfOneLanguageKeepsTheOtherAndOtherFields() {
        String id = issue();
        JsonNode after = patch(id, "{\"headline\":{\"en\":\"Drones approaching\"}}");

        assertThat(after.get("headline").get("en").asText()).isEqualTo("Drones approaching");
        assertThat(after.get("headline").get("uk").asText()).isEqualTo("Загроза ударних БпЛА");
        assertThat(after.get("instruction").get("uk").asText()).isEqualTo("Пройдіть в укриття");
        assertThat(after.get("subtype").asText()).isEqualTo("drones");
        assertThat(after.get("stage").asText()).isEqualTo("alert");
    }

    @Test
    void nullReturnsWhatItNamesToTheStandardWording() {
        String id = issue();
        JsonNode after = patch(id, "{\"instruction\":null,\"headline\":{\"en\":null}}");

        assertThat(after.get("instruction").get("uk").asText()).isEqualTo("Негайно прямуйте до найближчого укриття");
        assertThat(after.get("instruction").get("en").asText()).isEqualTo("Go to the nearest shelter now");
        assertThat(after.get("headline").get("en").asText()).isEqualTo("Attack drone threat");
        assertThat(after.get("headline").get("uk").asText()).isEqualTo("Загроза ударних БпЛА");
    }

    private static String issue() {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, """
                {"regions":["UA-32"],"threat":"air_raid","subtype":"drones",
                 "headline":{"uk":"Загроза ударних БпЛА","en":"Attack drone threat"},
                 "instruction":{"uk":"Пройдіть в укриття","en":"Go to a shelter"}}""");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("alert").get("id").asText();
    }

    private static JsonNode patch(String id, String body) {
        HttpResponse<String> r = s.patch("/api/v1/alerts/" + id, s.admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("alert");
    }
}
