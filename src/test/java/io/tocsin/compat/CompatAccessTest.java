package io.tocsin.compat;

import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static io.tocsin.compat.Compat.AIU;
import static io.tocsin.compat.Compat.UA;
import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Anonymous reads when configured (Home Assistant sends no key), and the per-address and per-token limits. */
class CompatAccessTest {
    static RunningServer s;

    @BeforeAll
    static void start() {
        s = RunningServer.startWith(c -> c.withCompat(new CompatOptions(true, 5, 3)));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void anonymousClientsAreLimitedPerAddressAndKeyedClientsPerToken() {
        // Home Assistant's integration (uasiren): no Authorization at all.
        for (int i = 0; i < 3; i++) {
            assertThat(Compat.raw(s, UA + "/alerts/22", null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> over = Compat.raw(s, UA + "/alerts/22", null);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        HttpResponse<String> aiuOver = s.get(AIU + "/v1/alerts/active.json");
        assertThat(aiuOver.statusCode()).isEqualTo(429);
        assertThat(json(aiuOver).get("message").isTextual()).isTrue();

        // The address is spent, but a token counts on its own.
        String token = s.token(Role.INTEGRATOR, List.of(), "ha");
        for (int i = 0; i < 5; i++) {
            assertThat(Compat.bearer(s, AIU + "/v1/alerts/active.json", token).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> tokenOver = Compat.raw(s, UA + "/alerts", token);
        assertThat(tokenOver.statusCode()).isEqualTo(429);
        assertThat(tokenOver.headers().firstValue("Retry-After")).isPresent();
        // Another token is not affected.
        assertThat(Compat.raw(s, UA + "/alerts", s.token(Role.INTEGRATOR, List.of(), "jaam")).statusCode())
                .isEqualTo(200);
    }
}
