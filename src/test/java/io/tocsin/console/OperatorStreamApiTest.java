package io.tocsin.console;

import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consoles' private stream: opened with a token or a session cookie, never anonymously; it carries approval
 * requests, approvals and expiries and alert events of any status, each to the consoles whose scope it touches,
 * and review requests to their reviewers only.
 */
class OperatorStreamApiTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void approvalsExpiriesAndAlertsReachTheConsolesWhoseScopeTheyTouchAndNoOthers() throws Exception {
        try (RunningServer s = RunningServer.startWithApprovalTtl(Duration.ofSeconds(2))) {
            String national = s.token(Role.OPERATOR, List.of("UA"), "national");
            String deputy = s.token(Role.OPERATOR, List.of("UA"), "deputy");
            String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "lviv");
            String kyiv = s.token(Role.OPERATOR, List.of("UA-32"), "kyiv");
            assertThat(s.get("/api/v1/operator/stream").statusCode()).as("anonymous").isEqualTo(401);
            try (SseClient d = SseClient.openAs(s.http, s.uri("/api/v1/operator/stream"), deputy);
                 SseClient l = SseClient.openAs(s.http, s.uri("/api/v1/operator/stream"), lviv);
                 SseClient k = SseClient.openAs(s.http, s.uri("/api/v1/operator/stream"), kyiv)) {
                for (SseClient c : List.of(d, l, k)) {
                    assertThat(c.next(SOON).type()).isEqualTo("open");
                }
                HttpResponse<String> held = s.post("/api/v1/alerts", national,
                        "{\"regions\":[\"UA\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
                assertThat(held.statusCode()).isEqualTo(202);
                String id = json(held).get("id").asText();
                SseClient.SseEvent req = d.next(SOON);
                assertThat(req.type()).isEqualTo("approval.requested");
                assertThat(req.data().get("requested_by").asText()).isEqualTo(national.substring(4, national.indexOf('_', 4)));
                assertThat(l.next(SOON).type()).isEqualTo("approval.requested");
                assertThat(k.next(SOON).type()).isEqualTo("approval.requested");
                // Nobody approves: it expires, and every console hears it.
                assertThat(d.next(SOON).type()).isEqualTo("approval.expired");

                s.post("/api/v1/alerts", lviv, "{\"regions\":[\"UA-46\"],\"threat\":\"artillery\",\"status\":\"exercise\"}");
                SseClient.SseEvent ex = l.next(SOON);
                while (ex.type().equals("approval.expired")) {
                    ex = l.next(SOON);
                }
                assertThat(ex.type()).isEqualTo("alert.issued");
                assertThat(ex.data().get("alert").get("status").asText()).isEqualTo("exercise");
                String kyivAlert = json(s.post("/api/v1/alerts", kyiv, "{\"regions\":[\"UA-32\"],\"threat\":\"artillery\"}"))
                        .get("alert").get("id").asText();
                List<String> kyivSaw = new ArrayList<>();
                for (SseClient.SseEvent e; (e = k.poll(Duration.ofSeconds(2))) != null; ) {
                    kyivSaw.add(e.type() + " " + e.alertId());
                }
                assertThat(kyivSaw).contains("alert.issued " + kyivAlert).noneMatch(x -> x.contains("alert.issued")
                        && !x.endsWith(kyivAlert));
                List<String> lvivSaw = new ArrayList<>();
                for (SseClient.SseEvent e; (e = l.poll(Duration.ofSeconds(1))) != null; ) {
                    lvivSaw.add(e.type() + " " + e.alertId());
                }
                assertThat(lvivSaw).as("Kyiv's alert is outside Lviv's scope").noneMatch(x -> x.endsWith(kyivAlert));
                assertThat(id).isNotEmpty();
            }
        }
    }

    @Test
    void theStreamOpensWithTheConsolesSessionCookie() {
        try (RunningServer s = RunningServer.start()) {
            String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "lviv");
            SessionApiTest.Session session = SessionApiTest.signIn(s, lviv);
            HttpResponse<java.io.InputStream> r = s.http.sendAsync(HttpRequest.newBuilder(s.uri("/api/v1/operator/stream"))
                    .header("Cookie", session.cookie()).GET().build(), HttpResponse.BodyHandlers.ofInputStream()).join();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            try {
                r.body().close();
            } catch (java.io.IOException ignored) {
                // closing the stream is all that is asked
            }
        }
    }

    @Test
    void aConsolesStreamEndsAtTheNextKeepAliveOnceItsSessionHasEnded() throws Exception {
        try (RunningServer s = RunningServer.startWith(c -> c.withSessions(new io.tocsin.server.ServerConfig.Sessions(2, 3600)))) {
            String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "lviv");
            SessionApiTest.Session session = SessionApiTest.signIn(s, lviv);
            HttpResponse<java.io.InputStream> r = s.http.sendAsync(HttpRequest.newBuilder(s.uri("/api/v1/operator/stream"))
                    .header("Cookie", session.cookie()).GET().build(), HttpResponse.BodyHandlers.ofInputStream()).join();
            assertThat(r.statusCode()).isEqualTo(200);
            // Idle past 2 s; the keep-alive (every 15 s) finds the session over and ends the stream with its reason.
            String all = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.io.InputStream in = r.body()) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return "failed: " + e;
                }
            }).get(40, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(all).contains("event: open").contains("event: session-ended");
        }
    }
}
