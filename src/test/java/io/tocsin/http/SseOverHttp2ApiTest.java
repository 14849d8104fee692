package io.tocsin.http;

import io.tocsin.json.Json;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that upgrades to HTTP/2 (h2c) gets the same stream: the pre-framed HTTP/1.1 chunks cannot be used there,
 * so the sink writes the event's payload through Vert.x instead.
 */
class SseOverHttp2ApiTest {

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void anSseSubscriberOnHttp2GetsTheSameEventsAsOnHttp11() throws Exception {
        try (RunningServer s = RunningServer.start();
             HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            // The first request on a connection carries the h2c upgrade; the stream then runs on HTTP/2.
            assertThat(h2.send(HttpRequest.newBuilder(s.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<InputStream> res = h2.send(HttpRequest.newBuilder(s.uri("/api/v1/stream?regions=UA-46"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.hub().subscribers() == 1);

            var issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            long seq = Json.MAPPER.readTree(issued.body()).get("seq").asLong();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.startsWith("id: ")) {
                    // skip the retry hint and the opening comment
                }
                assertThat(line).isEqualTo("id: " + seq);
                assertThat(in.readLine()).isEqualTo("event: alert.issued");
                assertThat(in.readLine()).startsWith("data: {\"seq\":" + seq + ",\"type\":\"alert.issued\"");
            }
        }
    }
}
