package io.tocsin.metrics;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** HTTP request metrics are labelled by route template, method and status: never by a path a client chose. */
@ExtendWith(ServerPerClass.class)
class RequestMetricsTest {
    static RunningServer s;
    static final Duration WAIT = Duration.ofSeconds(20);

    static Exposition scrape() {
        return new Exposition(s.get("/metrics").body());
    }

    static String[] labels(String method, String route, String status) {
        return new String[]{"method=\"" + method + "\"", "route=\"" + route + "\"", "status=\"" + status + "\""};
    }

    static double requests(Exposition m, String method, String route, String status) {
        return m.value("tocsin_http_requests_total", labels(method, route, status)).orElse(0);
    }

    static double timed(Exposition m, String method, String route, String status) {
        return m.value("tocsin_http_request_duration_seconds_count", labels(method, route, status)).orElse(0);
    }

    @Test
    void aRequestForOneAlertIsRecordedUnderTheRouteTemplateWithItsStatusAndTimed() {
        String id = json(s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}"))
                .get("alert").get("id").asText();
        String unknown = UUID.randomUUID().toString();
        Exposition before = scrape();
        assertThat(s.get("/api/v1/alerts/" + id).statusCode()).isEqualTo(200);
        assertThat(s.get("/api/v1/alerts/" + unknown).statusCode()).isEqualTo(404);

        Exposition after = scrape();
        String route = "/api/v1/alerts/:id";
        assertThat(requests(after, "GET", route, "200") - requests(before, "GET", route, "200")).isEqualTo(1);
        assertThat(requests(after, "GET", route, "404") - requests(before, "GET", route, "404")).isEqualTo(1);
        assertThat(timed(after, "GET", route, "200") - timed(before, "GET", route, "200")).isEqualTo(1);
        assertThat(after.samples("tocsin_http_request_duration_seconds_bucket", labels("GET", route, "200")))
                .hasSizeGreaterThan(5);
        assertThat(after.text()).doesNotContain(id).doesNotContain(unknown);
        assertThat(requests(after, "POST", "/api/v1/alerts", "201")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLiteralRouteIsNotMistakenForItsParameterSibling() {
        assertThat(s.get("/api/v1/alerts/active").statusCode()).isEqualTo(200);
        assertThat(requests(scrape(), "GET", "/api/v1/alerts/active", "200")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void requestsAnsweredOutsideTheirHandlerKeepTheirTemplate() {
        String unknown = UUID.randomUUID().toString();
        Exposition before = scrape();
        // Refused by the body check ahead of the handler, by the router's 405, and by the failure path.
        assertThat(s.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode()).isEqualTo(415);
        assertThat(s.delete("/api/v1/alerts/" + unknown, s.admin).statusCode()).isEqualTo(405);
        assertThat(s.post("/api/v1/alerts", s.admin, "{not json").statusCode()).isEqualTo(400);

        Exposition after = scrape();
        assertThat(requests(after, "POST", "/api/v1/alerts", "415") - requests(before, "POST", "/api/v1/alerts", "415"))
                .isEqualTo(1);
        assertThat(requests(after, "DELETE", "/api/v1/alerts/:id", "405")
                - requests(before, "DELETE", "/api/v1/alerts/:id", "405")).isEqualTo(1);
        assertThat(requests(after, "POST", "/api/v1/alerts", "400") - requests(before, "POST", "/api/v1/alerts", "400"))
                .isEqualTo(1);
        assertThat(after.text()).doesNotContain(unknown);
    }

    @Test
    void pathsNoRouteKnowsAndMethodsNoOneUsesAreFoldedIntoFixedLabels() {
        String unknown = UUID.randomUUID().toString();
        Exposition before = scrape();
        assertThat(s.get("/no/such/" + unknown).statusCode()).isEqualTo(404);
        s.post("/no/such/" + unknown, s.admin, "{}");
        s.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts/active"))
                .method("BREW", HttpRequest.BodyPublishers.noBody()).build());

        Exposition after = scrape();
        assertThat(requests(after, "GET", "/*", "404") - requests(before, "GET", "/*", "404")).isEqualTo(1);
        assertThat(after.samples("tocsin_http_requests_total", "method=\"POST\"", "route=\"unmatched\"")).isNotEmpty();
        assertThat(after.samples("tocsin_http_requests_total", "method=\"other\"", "route=\"/api/v1/alerts/active\""))
                .isNotEmpty();
        assertThat(after.text()).doesNotContain(unknown).doesNotContain("BREW");
    }

    @Test
    void streamsAreCountedByRouteWhenTheyOpenButNeverTimed() {
        Exposition before = scrape();
        try (SseClient sse = SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-32"), null);
             WsClient ws = WsClient.open(s.http, URI.create(s.server.url().replace("http://", "ws://") + "/api/v1/ws"))) {
            assertThat(sse.status).isEqualTo(200);
            await().atMost(WAIT).until(() -> s.server.hub().subscribers() >= 2);
            Exposition open = scrape();
            assertThat(requests(open, "GET", "/api/v1/stream", "200") - requests(before, "GET", "/api/v1/stream", "200"))
                    .isEqualTo(1);
            assertThat(requests(open, "GET", "/api/v1/ws", "101") - requests(before, "GET", "/api/v1/ws", "101"))
                    .isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> s.server.hub().subscribers() == 0);
        Exposition closed = scrape();
        assertThat(closed.samples("tocsin_http_request_duration_seconds_count", "route=\"/api/v1/stream\"")).isEmpty();
        assertThat(closed.samples("tocsin_http_request_duration_seconds_count", "route=\"/api/v1/ws\"")).isEmpty();
        // A stream refused before it opens is an ordinary request: counted with its status.
        assertThat(s.get("/api/v1/stream?regions=UA-99").statusCode()).isEqualTo(422);
        assertThat(requests(scrape(), "GET", "/api/v1/stream", "422")).isEqualTo(1);
    }
}
