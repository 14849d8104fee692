package io.tocsin.security;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class BruteForceApiTest {

    @Test
    void repeatedBadTokensFromOneAddressGet429WhileGoodTokensFromAnyAddressStillWork() throws Exception {
        try (RunningServer s = RunningServer.start()) {
            HttpClient attacker = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName("127.0.0.2")).build();
            String body = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}";
            int unauthorized = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 30; i++) {
                last = attacker.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts"))
                        .header("Authorization", "Bearer tcs_deadbeef0000_guess" + i).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 401) {
                    unauthorized++;
                }
            }
            assertThat(unauthorized).isEqualTo(10);
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(last.body()).contains("\"code\":\"too-many-requests\"");
            // The right token is still served from that address: only failing attempts are refused.
            HttpResponse<String> good = attacker.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(good.statusCode()).isEqualTo(201);
            // ...while another address is not affected.
            assertThat(s.post("/api/v1/alerts", s.admin, body).statusCode()).isEqualTo(201);
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
