package io.tocsin.security;

import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy (127.0.0.1 here) every client shares the proxy's address; the client is the one the proxy
 * names. One client's failures lock out only that client's failing attempts, never a valid token.
 */
class TrustedProxyTest {
    private static final String ALERT = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}";
    static RunningServer s;

    @BeforeAll
    static void start() {
        s = RunningServer.startWith(c -> new ServerConfig(c.host(), c.port(), c.database(), new ServerConfig.Limits(10, 5),
                List.of()).withTrustedProxies(List.of("127.0.0.1/32")));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void oneForwardedClientsFailuresLockOutOnlyThatClientAndNeverAValidToken() throws Exception {
        HttpClient proxy = client("127.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThat(write(proxy, "tcs_feedface0000_guess" + i, "203.0.113.7").statusCode()).isEqualTo(401);
        }
        assertThat(write(proxy, "tcs_feedface0000_guess", "203.0.113.7").statusCode()).isEqualTo(429);
        // Another client behind the same proxy is not locked out.
        assertThat(write(proxy, "tcs_feedface0000_other", "203.0.113.8").statusCode()).isEqualTo(401);
        // And a valid token works from the client that failed ten times.
        HttpResponse<String> good = write(proxy, s.admin, "203.0.113.7");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        // The address counted is the nearest one our proxy did not add (a client may prepend anything it likes).
        assertThat(write(proxy, "tcs_feedface0000_guess", "198.51.100.1, 203.0.113.7").statusCode()).isEqualTo(429);
        assertThat(forwarded(proxy, "tcs_feedface0000_guess", "for=203.0.113.7").statusCode()).isEqualTo(429);
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressWithAForwardingHeader() throws Exception {
        HttpClient direct = client("127.0.0.2");
        for (int i = 0; i < 10; i++) {
            write(direct, "tcs_feedface0000_x" + i, "192.0.2." + i);
        }
        assertThat(write(direct, "tcs_feedface0000_x", "192.0.2.200").statusCode()).isEqualTo(429);
        assertThat(write(direct, s.admin, "192.0.2.201").statusCode()).isEqualTo(201);
    }

    @Test
    void theWriteRateIsLimitedPerTokenNotPerAddress() throws Exception {
        HttpClient proxy = client("127.0.0.1");
        String busy = s.token(Role.ADMIN, List.of(), "runaway script");
        String other = s.token(Role.ADMIN, List.of(), "console");
        int status = 0;
        for (int i = 0; i < 50 && status != 429; i++) {
            status = write(proxy, busy, "203.0.113.50").statusCode();
        }
        assertThat(status).isEqualTo(429);
        // Same proxy, same forwarded client even: a different token has its own budget.
        assertThat(write(proxy, other, "203.0.113.50").statusCode()).isEqualTo(201);
    }

    private static HttpClient client(String from) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(InetAddress.getByName(from)).build();
    }

    private static HttpResponse<String> write(HttpClient c, String token, String xff) throws Exception {
        return c.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("X-Forwarded-For", xff)
                .POST(HttpRequest.BodyPublishers.ofString(ALERT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> forwarded(HttpClient c, String token, String forwarded) throws Exception {
        return c.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Forwarded", forwarded)
                .POST(HttpRequest.BodyPublishers.ofString(ALERT)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
