package io.tocsin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/v1/regions?q=: search by name over HTTP, settlements resolved to their hromada. */
@ExtendWith(ServerPerClass.class)
class RegionSearchApiTest {
    static RunningServer s;


    private static JsonNode search(String q) throws Exception {
        var r = s.get("/api/v1/regions?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void aSettlementIsAnsweredWithItsHromadaAndTheSettlementItWasFoundThrough() throws Exception {
        JsonNode body = search("Бровари");

        JsonNode city = body.get("regions").get(0);
        assertThat(city.get("kind").asText()).isEqualTo("hromada");
        assertThat(city.get("settlement").get("name").get("en").asText()).isEqualTo("Brovary");
        assertThat(city.get("settlement").get("kind").asText()).isEqualTo("city");
        assertThat(search("brovary").get("regions").get(0).get("code")).isEqualTo(city.get("code"));
    }

    @Test
    void badQueriesAreClientErrors() {
        assertThat(s.get("/api/v1/regions?q=").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/regions?q=" + "x".repeat(200)).statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/regions?q=kyiv&limit=0").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/regions?q=kyiv&limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void withoutAQueryTheListIsUnchangedAndCodesAreCaseInsensitive() throws Exception {
        assertThat(Json.MAPPER.readTree(s.get("/api/v1/regions?kind=oblast").body()).get("count").asInt()).isEqualTo(27);
        assertThat(s.get("/api/v1/regions/ua-46").statusCode()).isEqualTo(200);
        var unknown = s.get("/api/v1/regions/Lviv");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("did you mean").contains("UA-46");
    }
}
