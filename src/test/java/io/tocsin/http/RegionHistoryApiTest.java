package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** History after updates that move an alert: each region shows the time the alert was on it, also after a restart. */
@ExtendWith(ServerPerClass.class)
class RegionHistoryApiTest {
    static RunningServer s;

    @Test
    void anAlertMovedFromUa32ToUa46IsInBothHistoriesForItsOwnTimeThere() {
        HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        String id = json(issued).get("alert").get("id").asText();
        String issuedAt = json(issued).get("at").asText();
        HttpResponse<String> moved = s.patch("/api/v1/alerts/" + id, s.admin, "{\"regions\":[\"UA-46\"]}");
        assertThat(moved.statusCode()).isEqualTo(200);
        String movedAt = json(moved).get("at").asText();

        JsonNode kyiv = entry(s.get("/api/v1/regions/UA-32/history"), id);
        assertThat(kyiv.get("covered").get("from").asText()).isEqualTo(issuedAt);
        assertThat(kyiv.get("covered").get("to").asText()).isEqualTo(movedAt);
        assertThat(kyiv.get("regions").toString()).isEqualTo("[\"UA-32\"]"); // as it was while on UA-32
        JsonNode lviv = entry(s.get("/api/v1/regions/UA-46/history"), id);
        assertThat(lviv.get("covered").get("from").asText()).isEqualTo(movedAt);
        assertThat(lviv.get("covered").get("to").isNull()).isTrue();

        HttpResponse<String> ended = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{}");
        JsonNode lvivAfter = entry(s.get("/api/v1/regions/UA-46/history"), id);
        assertThat(lvivAfter.get("covered").get("to").asText()).isEqualTo(json(ended).get("at").asText());
        assertThat(lvivAfter.get("end_reason").asText()).isEqualTo("all_clear");
        assertThat(entry(s.get("/api/v1/regions/UA-32/history"), id).get("covered").get("to").asText())
                .isEqualTo(movedAt);
    }

    private static JsonNode entry(HttpResponse<String> history, String id) {
        assertThat(history.statusCode()).isEqualTo(200);
        List<JsonNode> found = json(history).get("alerts").findParents("id").stream()
                .filter(a -> a.get("id").asText().equals(id)).toList();
        assertThat(found).as("entries for %s in %s", id, history.body()).hasSize(1);
        return found.get(0);
    }
}
