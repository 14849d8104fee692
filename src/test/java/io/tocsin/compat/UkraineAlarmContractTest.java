package io.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tocsin.compat.Compat.UA;
import static io.tocsin.compat.Compat.raw;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** ukrainealarm v3 as its clients use it (the compat spec, §3), against a real server. */
@ExtendWith(ServerPerClass.class)
class UkraineAlarmContractTest {
    static RunningServer s;
    static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    static final List<String> TYPES = List.of("UNKNOWN", "AIR", "ARTILLERY", "URBAN_FIGHTS", "CHEMICAL", "NUCLEAR", "INFO");
    static final List<String> REGION_TYPES = List.of("State", "District", "Community", "Null");

    @BeforeAll
    static void alerts() {
        Compat.issue(s, Compat.air(Compat.region(124), "drones"));          // Харківський район
        Compat.issue(s, "{\"regions\":[\"UA-05\"],\"threat\":\"artillery\"}");            // Вінницька область
        Compat.issue(s, "{\"regions\":[\"UA-14\"],\"threat\":\"air_raid\"}");             // Донецька, no subtype
        Compat.issue(s, "{\"regions\":[\"UA-12\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = raw(s, UA + path, s.admin);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return json(r);
    }

    @Test
    void alertsListsEveryRegionWithAnAlertIncludingInheritedOnesButNoAncestors() {
        JsonNode all = get("/alerts");
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode rec : all) {
            assertRecord(rec);
            assertThat(rec.get("activeAlerts")).isNotEmpty();
            byId.put(rec.get("regionId").asText(), rec);
        }
        assertThat(byId).containsKeys("124", "1293", "4", "36", "28");
        assertThat(byId).doesNotContainKeys("22", "9"); // no upward aggregation; exercises never show
        JsonNode hromada = byId.get("1293").get("activeAlerts").get(0);
        assertThat(hromada.get("regionId").asText()).isEqualTo("124"); // where it was declared
        assertThat(hromada.get("regionType").asText()).isEqualTo("District");
        JsonNode inherited = byId.get("36").get("activeAlerts").get(0); // Вінницький район
        assertThat(inherited.get("regionId").asText()).isEqualTo("4");
        assertThat(inherited.get("regionType").asText()).isEqualTo("State");
        assertThat(inherited.get("type").asText()).isEqualTo("ARTILLERY");
        assertThat(inherited.get("activeAlertLevels").get(0).get("alertLevel").asText()).isEqualTo("Red");
        JsonNode raion = byId.get("124").get("activeAlerts").get(0);
        assertThat(raion.get("type").asText()).isEqualTo("AIR");
        assertThat(raion.get("activeAlertLevels").get(0).get("alertLevel").asText()).isEqualTo("Yellow");
        assertThat(raion.get("activeAlertLevels").get(0).get("createdAt").asText()).matches(TIME);
        assertThat(byId.get("28").get("activeAlerts").get(0).get("activeAlertLevels")).isEmpty(); // unspecified
    }

    private static void assertRecord(JsonNode rec) {
        assertThat(rec.get("regionId").isTextual()).isTrue();
        assertThat(rec.get("regionType").asText()).isIn(REGION_TYPES);
        assertThat(rec.get("regionName").isTextual()).isTrue();
        assertThat(rec.get("regionEngName").isTextual()).isTrue();
        assertThat(rec.get("lastUpdate").asText()).matches(TIME);
        assertThat(rec.get("activeAlerts").isArray()).isTrue();
        for (JsonNode a : rec.get("activeAlerts")) {
            assertThat(a.get("regionId").isTextual()).isTrue();
            assertThat(a.get("regionType").asText()).isIn(REGION_TYPES);
            assertThat(a.get("type").asText()).isIn(TYPES);
            assertThat(a.get("lastUpdate").asText()).matches(TIME);
            assertThat(a.get("activeAlertLevels").isArray()).isTrue();
        }
    }

    @Test
    void oneRegionIsAlwaysAOneElementListEvenWhenQuiet() {
        for (String id : List.of("22", "124", "1293", "9999", "31", "9")) {
            JsonNode list = get("/alerts/" + id);
            assertThat(list).as(id).hasSize(1);
            assertRecord(list.get(0));
            assertThat(list.get(0).get("regionId").asText()).isEqualTo(id);
        }
        assertThat(get("/alerts/22").get(0).get("activeAlerts")).isEmpty();
        assertThat(get("/alerts/9").get(0).get("activeAlerts")).isEmpty();
        assertThat(get("/alerts/9999").get(0).get("regionType").asText()).isEqualTo("State");
        assertThat(get("/alerts/1293").get(0).get("activeAlerts")).hasSize(1);
        HttpResponse<String> unknown = raw(s, UA + "/alerts/77777", s.admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void statusIsTheLastActionIndex() {
        JsonNode st = get("/alerts/status");
        assertThat(st.get("lastActionIndex").isIntegralNumber()).isTrue();
        assertThat(st.get("lastActionIndex").asLong()).isPositive();
    }

    @Test
    void regionsIsTheTreeWithEmptyArraysForLeavesAndCrimeaAs9999() {
        JsonNode states = get("/regions").get("states");
        assertThat(states).hasSize(26);
        int count = 0;
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode st : states) {
            assertThat(st.get("regionType").asText()).isEqualTo("State");
            byId.put(st.get("regionId").asText(), st);
            count++;
            for (JsonNode d : st.get("regionChildIds")) {
                assertThat(d.get("regionType").asText()).isEqualTo("District");
                count++;
                for (JsonNode c : d.get("regionChildIds")) {
                    assertThat(c.get("regionType").asText()).isEqualTo("Community");
                    assertThat(c.get("regionChildIds").isArray()).isTrue();
                    assertThat(c.get("regionChildIds")).isEmpty();
                    assertThat(c.get("regionId").isTextual()).isTrue();
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(1606);
        assertThat(byId.get("31").get("regionChildIds")).isEmpty(); // м. Київ
        assertThat(byId.get("9999").get("regionChildIds")).isEmpty();
        assertThat(byId).doesNotContainKey("0");
    }

    @Test
    void regionHistoryHasTheLast25WithDurationAsHhMmSs() {
        JsonNode h = get("/alerts/regionHistory?regionId=1293");
        assertThat(h).hasSize(1);
        assertThat(h.get(0).get("regionId").asText()).isEqualTo("1293");
        JsonNode alarm = h.get(0).get("alarms").get(0);
        assertThat(alarm.get("regionId").asText()).isEqualTo("124");
        assertThat(alarm.get("startDate").asText()).matches(TIME);
        assertThat(alarm.get("endDate").asText()).matches(TIME);
        assertThat(alarm.get("duration").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(alarm.get("alertType").asText()).isEqualTo("AIR");
        assertThat(alarm.get("isContinue").asBoolean()).isTrue();
        assertThat(raw(s, UA + "/alerts/regionHistory", s.admin).statusCode()).isEqualTo(400);
        assertThat(raw(s, UA + "/alerts/regionHistory?regionId=77777", s.admin).statusCode()).isEqualTo(404);
    }

    @Test
    void theKeyIsTheRawAuthorizationHeader() {
        assertThat(raw(s, UA + "/alerts", s.admin).statusCode()).isEqualTo(200);
        assertThat(raw(s, UA + "/alerts", "Bearer " + s.admin).statusCode()).isEqualTo(200);
        for (String key : new String[]{null, "not-a-key"}) {
            HttpResponse<String> r = raw(s, UA + "/regions", key);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("status").asInt()).isEqualTo(401); // ProblemDetails, as the .NET API writes
        }
        String lm = raw(s, UA + "/regions", s.admin).headers().firstValue("Last-Modified").orElseThrow();
        assertThat(s.send(java.net.http.HttpRequest.newBuilder(s.uri(UA + "/regions")).header("Authorization", s.admin)
                .header("If-Modified-Since", lm).build()).statusCode()).isEqualTo(304);
    }
}
