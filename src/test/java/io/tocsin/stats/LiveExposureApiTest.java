package io.tocsin.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Live alerts reach the exposure projection with their commit: statistics and exports change at once. */
@ExtendWith(ServerPerClass.class)
class LiveExposureApiTest {
    static RunningServer s;

    @Test
    void aLiveAlertCountsAtOnceForItsRegionAndEveryPartOfIt() {
        String hromada = json(s.get("/api/v1/regions?parent=" + firstRaion("UA-26"))).get("regions").get(0)
                .get("code").asText();
        assertThat(alerts("UA-26")).isZero();
        assertThat(alerts(hromada)).isZero();

        HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-26\"],\"threat\":\"air_raid\"}");
        assertThat(issued.statusCode()).isEqualTo(201);

        // No waiting: the reply came after the fold, so the very next read sees it.
        assertThat(alerts("UA-26")).isEqualTo(1);
        assertThat(alerts(hromada)).isEqualTo(1);
        assertThat(json(s.get("/api/v1/stats/regions/UA-26?threat=artillery")).get("alerts").asInt()).isZero();
        List<String> open = s.get("/api/v1/history.csv?region=" + hromada).body().lines().toList();
        assertThat(open).hasSize(2);
        assertThat(open.get(1).split(",", -1)[2]).as("an interval still open has no end").isEmpty();
    }

    @Test
    void anUpdateThatMovesAnAlertShowsInBothRegionsForItsOwnTimeThere() {
        HttpResponse<String> issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
        String id = json(issued).get("alert").get("id").asText();
        String issuedAt = json(issued).get("at").asText();
        HttpResponse<String> moved = s.patch("/api/v1/alerts/" + id, s.admin, "{\"regions\":[\"UA-46\"]}");
        assertThat(moved.statusCode()).isEqualTo(200);
        String movedAt = json(moved).get("at").asText();

        assertThat(alerts("UA-32")).isEqualTo(1);
        assertThat(alerts("UA-46")).isEqualTo(1);
        JsonNode kyiv = json(s.get("/api/v1/history.json?region=UA-32")).get("intervals");
        assertThat(kyiv).hasSize(1);
        assertThat(kyiv.get(0).get("from").asText()).isEqualTo(millis(issuedAt));
        assertThat(kyiv.get(0).get("to").asText()).isEqualTo(millis(movedAt));
        JsonNode lviv = json(s.get("/api/v1/history.json?region=UA-46")).get("intervals");
        assertThat(lviv).hasSize(1);
        assertThat(lviv.get(0).get("from").asText()).isEqualTo(millis(movedAt));
        assertThat(lviv.get(0).get("to").isNull()).isTrue();

        HttpResponse<String> ended = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{}");
        JsonNode after = json(s.get("/api/v1/history.json?region=UA-46")).get("intervals");
        assertThat(after.get(0).get("to").asText()).isEqualTo(millis(json(ended).get("at").asText()));
    }

    @Test
    void drillsAndPreAlertsAreNotTimeUnderAlert() {
        s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-05\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
        assertThat(alerts("UA-05")).isZero();
    }

    @Test
    void aBadQueryIsAProblemNotAServerError() {
        assertThat(s.get("/api/v1/stats/regions/UA-99").statusCode()).isEqualTo(404);
        assertThat(s.get("/api/v1/stats/regions/UA-32?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/stats/regions/UA-32?from=2024-01-02&to=2024-01-01").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/stats/regions/UA-32?threat=meteor").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/stats/regions?level=galaxy").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/history.csv").statusCode()).isEqualTo(400);
        assertThat(s.get("/api/v1/history.csv?region=UA-99").statusCode()).isEqualTo(404);
    }

    private static int alerts(String code) {
        HttpResponse<String> r = s.get("/api/v1/stats/regions/" + code);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r).get("alerts").asInt();
    }

    private static String firstRaion(String oblast) {
        return json(s.get("/api/v1/regions?parent=" + oblast)).get("regions").get(0).get("code").asText();
    }

    /** The export writes times to the millisecond, the API's replies to the nanosecond. */
    private static String millis(String instant) {
        return java.time.Instant.ofEpochMilli(java.time.Instant.parse(instant).toEpochMilli()).toString();
    }
}
