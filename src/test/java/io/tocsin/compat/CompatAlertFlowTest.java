package io.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.compat.locations.Location;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.tocsin.compat.Compat.AIU;
import static io.tocsin.compat.Compat.UA;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert issued through Tocsin's own API appears on both compatibility APIs in the very next poll, and its end
 * removes it; every change moves lastActionIndex and Last-Modified (never a false 304, however fast the changes).
 */
@ExtendWith(ServerPerClass.class)
class CompatAlertFlowTest {
    static RunningServer s;
    /** Харківський район and one of its hromadas (м. Харків). */
    static final int RAION = 124;
    static final int HROMADA = 1293;
    static final String OBLASTS = AIU + "/v1/iot/active_air_raid_alerts_by_oblast.json";

    @Test
    void aRaionAlertAppearsOnBothApisInOnePollAndItsEndRemovesIt() {
        String token = s.token(Role.INTEGRATOR, List.of(), "poller");
        long index0 = index();
        String oblastsLm = lm(OBLASTS, token);
        String activeLm = lm(AIU + "/v1/alerts/active.json", token);
        assertThat(json(Compat.bearer(s, OBLASTS, token)).asText().charAt(21)).isEqualTo('N');

        String id = Compat.issue(s, Compat.air(Compat.region(RAION), "cruise_missile"));

        // The same second as the previous representation, most likely: still never a 304 for the old date.
        HttpResponse<String> oblasts = Compat.bearerSince(s, OBLASTS, token, oblastsLm);
        assertThat(oblasts.statusCode()).isEqualTo(200);
        assertThat(json(oblasts).asText().charAt(21)).isEqualTo('P'); // Харківська область: partly
        HttpResponse<String> active = Compat.bearerSince(s, AIU + "/v1/alerts/active.json", token, activeLm);
        assertThat(active.statusCode()).isEqualTo(200);
        assertThat(json(active).get("alerts")).extracting(a -> a.get("location_uid").asText()).containsExactly("124");
        assertThat(iot(RAION, token)).isEqualTo("A");
        assertThat(iot(HROMADA, token)).isEqualTo("A");
        Set<String> listed = new HashSet<>();
        for (JsonNode rec : ua("/alerts")) {
            listed.add(rec.get("regionId").asText());
        }
        Set<String> expected = new HashSet<>();
        expected.add("124");
        for (Location l : Compat.table().all()) {
            if (l.raionUid() == RAION && l.kind() == Location.Kind.HROMADA) {
                expected.add(l.uaId());
            }
        }
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(listed).isEqualTo(expected);
        JsonNode hromada = ua("/alerts/" + HROMADA).get(0).get("activeAlerts");
        assertThat(hromada).hasSize(1);
        assertThat(hromada.get(0).get("activeAlertLevels").get(0).get("alertLevel").asText()).isEqualTo("Red");
        long index1 = index();
        assertThat(index1).isGreaterThan(index0);

        // Narrowing the alert to one hromada is a change of its regions: both move.
        HttpResponse<String> patched = s.patch("/api/v1/alerts/" + id, s.admin,
                "{\"regions\":[\"" + Compat.region(HROMADA) + "\"]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        long index2 = index();
        assertThat(index2).isGreaterThan(index1);
        assertThat(iot(RAION, token)).isEqualTo("P");
        assertThat(ua("/alerts")).hasSize(1);

        String activeLm2 = lm(AIU + "/v1/alerts/active.json", token);
        Compat.end(s, id);
        HttpResponse<String> after = Compat.bearerSince(s, AIU + "/v1/alerts/active.json", token, activeLm2);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("alerts")).isEmpty();
        assertThat(json(Compat.bearer(s, OBLASTS, token)).asText()).isEqualTo("N".repeat(27));
        assertThat(iot(HROMADA, token)).isEqualTo("N");
        assertThat(ua("/alerts")).isEmpty();
        assertThat(ua("/alerts/" + HROMADA).get(0).get("activeAlerts")).isEmpty();
        assertThat(index()).isGreaterThan(index2);
    }

    @Test
    void exercisesMoveNothing() {
        String token = s.token(Role.INTEGRATOR, List.of(), "poller 2");
        long index = index();
        String lm = lm(AIU + "/v1/alerts/active.json", token);
        Compat.issue(s, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
        assertThat(Compat.bearerSince(s, AIU + "/v1/alerts/active.json", token, lm).statusCode()).isEqualTo(304);
        assertThat(index()).isEqualTo(index);
    }

    private static String lm(String path, String token) {
        HttpResponse<String> r = Compat.bearer(s, path, token);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("Last-Modified").orElseThrow();
    }

    private static String iot(int uid, String token) {
        return json(Compat.bearer(s, AIU + "/v1/iot/active_air_raid_alerts/" + uid + ".json", token)).asText();
    }

    private static JsonNode ua(String path) {
        HttpResponse<String> r = Compat.raw(s, UA + path, s.admin);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    private static long index() {
        return ua("/alerts/status").get("lastActionIndex").asLong();
    }
}
