package io.tocsin.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sessions over HTTP on a real server: the cookie's attributes (HttpOnly, SameSite=Strict, Max-Age,
 * Secure only over HTTPS as a trusted proxy or the public URL says), the anti-CSRF proof on every cookie write,
 * the idle timeout and the maximum age, sign-out, and a revoked token ending its sessions.
 */
class SessionApiTest {
    private static final String ALERT = "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";

    record Session(String cookie, String csrf, HttpResponse<String> reply) {
    }

    static Session signIn(RunningServer s, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/v1/session")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = s.send(b.build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, json(r).get("csrf").asText(), r);
    }

    static HttpResponse<String> write(RunningServer s, Session session, String origin, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/v1/alerts")).header("Cookie", session.cookie())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ALERT));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return s.send(b.build());
    }

    static HttpResponse<String> getWith(RunningServer s, Session session, String path) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Cookie", session.cookie()).GET().build());
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieAndNeverEchoesTheToken() {
        try (RunningServer s = RunningServer.start()) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            Session session = signIn(s, op);
            String setCookie = session.reply().headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith("tocsin_session=").contains("HTTPOnly").contains("SameSite=Strict")
                    .contains("Path=/").contains("Max-Age=43200").doesNotContain("Secure");
            assertThat(session.reply().body()).doesNotContain(op.substring(op.indexOf('_', 4) + 1));
            JsonNode me = json(getWith(s, session, "/api/v1/session"));
            assertThat(me.get("actor").get("name").asText()).isEqualTo("Lviv");
            assertThat(me.get("actor").get("scope").get(0).asText()).isEqualTo("UA-46");
            assertThat(me.get("csrf").asText()).isEqualTo(session.csrf());
            assertThat(s.send(HttpRequest.newBuilder(s.uri("/api/v1/session")).GET().build()).statusCode())
                    .as("no cookie: nobody signed in").isEqualTo(204);
            // An integrator's token is no console's.
            String integrator = s.token(Role.INTEGRATOR, List.of(), "feed");
            assertThat(s.post("/api/v1/session", integrator, "{}").statusCode()).isEqualTo(403);
            assertThat(s.post("/api/v1/session", "tcs_nope_nope", "{}").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theCookieIsSecureBehindATrustedProxyThatSaysHttpsOrWithAnHttpsPublicUrl() {
        try (RunningServer s = RunningServer.startWith(c -> c.withTrustedProxies(List.of("127.0.0.1/32")))) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            assertThat(signIn(s, op, "X-Forwarded-Proto", "https").reply().headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("Secure");
            assertThat(signIn(s, op).reply().headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
        }
        try (RunningServer s = RunningServer.start()) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            assertThat(signIn(s, op, "X-Forwarded-Proto", "https").reply().headers().firstValue("Set-Cookie").orElseThrow())
                    .as("an untrusted peer's header is not believed").doesNotContain("Secure");
        }
        try (RunningServer s = RunningServer.startWith(c -> c.withIdentity(
                new ServerConfig.Identity("https://alerts.example.org", null)))) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            Session session = signIn(s, op);
            assertThat(session.reply().headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
            // With a public URL, that is the only origin a cookie write may come from.
            assertThat(write(s, session, s.server.url(), session.csrf()).statusCode()).isEqualTo(403);
            assertThat(write(s, session, "https://alerts.example.org", session.csrf()).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void everyCookieWriteNeedsTheServersOwnOriginAndTheSessionsToken() {
        try (RunningServer s = RunningServer.start()) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            Session session = signIn(s, op);
            String own = s.server.url();
            for (String[] bad : new String[][] {{null, session.csrf()}, {"http://evil.example", session.csrf()},
                    {own, null}, {own, "x" + session.csrf()}, {"null", session.csrf()}}) {
                HttpResponse<String> r = write(s, session, bad[0], bad[1]);
                assertThat(r.statusCode()).as("Origin %s, token %s", bad[0], bad[1]).isEqualTo(403);
                assertThat(json(r).get("code").asText()).isEqualTo("cross-origin");
            }
            assertThat(json(s.get("/api/v1/alerts/active?status=all")).get("count").asInt()).isZero();
            HttpResponse<String> ok = write(s, session, own, session.csrf());
            assertThat(ok.statusCode()).isEqualTo(201);
            assertThat(json(ok).get("alert").get("id").asText()).isNotEmpty();
            // A bearer request is judged by its token alone: no cookie checks apply to it.
            assertThat(s.post("/api/v1/alerts/preview", op, ALERT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSessionEndsWhenIdleAtItsMaximumAgeOnSignOutAndWhenItsTokenIsRevoked() throws Exception {
        try (RunningServer s = RunningServer.startWith(c -> c.withSessions(new ServerConfig.Sessions(2, 4)))) {
            String op = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv");
            Session idle = signIn(s, op);
            Session busy = signIn(s, op);
            for (int i = 0; i < 3; i++) { // used every second: never idle for 2 s, but 4 s old at the end
                Thread.sleep(Duration.ofMillis(1100));
                assertThat(getWith(s, busy, "/api/v1/session").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> expired = getWith(s, idle, "/api/v1/session");
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(json(expired).get("code").asText()).isEqualTo("session-expired");
            HttpResponse<String> idleWrite = write(s, idle, s.server.url(), idle.csrf());
            assertThat(json(idleWrite).get("code").asText()).isEqualTo("session-expired");
            Thread.sleep(Duration.ofMillis(1200));
            assertThat(getWith(s, busy, "/api/v1/session").statusCode()).as("past the maximum age").isEqualTo(401);

            Session out = signIn(s, op);
            HttpResponse<String> signOut = s.send(HttpRequest.newBuilder(s.uri("/api/v1/session"))
                    .header("Cookie", out.cookie()).header("Origin", s.server.url()).header("X-CSRF-Token", out.csrf())
                    .DELETE().build());
            assertThat(signOut.statusCode()).isEqualTo(204);
            assertThat(signOut.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
            assertThat(getWith(s, out, "/api/v1/session").statusCode()).isEqualTo(401);

            Session revoked = signIn(s, op);
            String id = op.substring(4, op.indexOf('_', 4));
            assertThat(s.delete("/api/v1/tokens/" + id, s.admin).statusCode()).isEqualTo(204);
            assertThat(getWith(s, revoked, "/api/v1/session").statusCode()).as("a revoked token's session").isEqualTo(401);
        }
    }
}
