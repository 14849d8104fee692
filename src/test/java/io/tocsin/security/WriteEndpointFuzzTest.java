package io.tocsin.security;

import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class WriteEndpointFuzzTest {
    static final long SEED = 20261125L;
    static final int BODIES = 10_000;

    @Test
    void tenThousandRandomAndMutatedBodiesNeverCauseA5xxAndTheServerStaysHealthy() throws Exception {
        try (RunningServer s = RunningServer.start(new ServerConfig.Limits(1_000, 1_000_000))) {
            String alert = Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}").body()).get("alert").get("id").asText();
            String pending = Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"UA-32\"],\"threat\":\"nuclear\"}").body()).get("id").asText();
            List<String[]> endpoints = List.of(
                    new String[]{"POST", "/api/v1/alerts"},
                    new String[]{"PATCH", "/api/v1/alerts/" + alert},
                    new String[]{"POST", "/api/v1/alerts/" + alert + "/end"},
                    new String[]{"POST", "/api/v1/approvals/" + pending + "/approve"},
                    new String[]{"POST", "/api/v1/tokens"});
            BodyFuzzer fuzzer = new BodyFuzzer(SEED);
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < BODIES; i++) {
                String[] e = endpoints.get(i % endpoints.size());
                byte[] body = fuzzer.next();
                HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri(e[1]))
                        .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                        .method(e[0], HttpRequest.BodyPublishers.ofByteArray(body)).build());
                statuses.merge(r.statusCode(), 1, Integer::sum);
                assertThat(r.statusCode()).as("%s %s with body #%d (seed %d): %s", e[0], e[1], i, SEED, r.body())
                        .isLessThan(500);
                if (r.statusCode() >= 400) {
                    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                }
            }
            System.out.println("fuzz statuses (seed " + SEED + "): " + statuses);
            assertThat(statuses.keySet()).anyMatch(code -> code >= 400);
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            assertThat(s.server.desk().log().verify().intact()).isTrue();
        }
    }
}
