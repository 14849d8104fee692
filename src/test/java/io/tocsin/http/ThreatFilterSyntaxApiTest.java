package io.tocsin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The threat filter takes a threat, threat:subtype, or a bare air-raid subtype, and names the forms when wrong. */
@ExtendWith(ServerPerClass.class)
class ThreatFilterSyntaxApiTest {
    static RunningServer s;

    @BeforeAll
    static void issue() {
        s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
        s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-30\"],\"threat\":\"artillery\"}");
    }

    private static List<String> regionsOf(String query) throws Exception {
        JsonNode body = Json.MAPPER.readTree(s.get("/api/v1/alerts/active?" + query).body());
        return body.get("alerts").findValues("regions").stream().map(r -> r.get(0).asText()).sorted().toList();
    }

    @Test
    void aBareSubtypeMeansThatAirRaidSubtype() throws Exception {
        assertThat(regionsOf("threat=ballistic_missile")).containsExactly("UA-63");
        assertThat(regionsOf("threat=air_raid:ballistic_missile")).containsExactly("UA-63");
        assertThat(regionsOf("threat=air_raid")).containsExactly("UA-46", "UA-63");
        assertThat(regionsOf("threat=drones,artillery")).containsExactly("UA-30", "UA-46");
    }

    @Test
    void anUnknownThreatNamesTheAcceptedForms() {
        var r = s.get("/api/v1/alerts/active?threat=missiles");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("threat:subtype").contains("ballistic_missile");
    }
}
