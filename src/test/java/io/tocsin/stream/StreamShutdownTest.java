package io.tocsin.stream;

import io.tocsin.json.Json;
import io.tocsin.support.RawWs;
import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamShutdownTest {

    @Test
    void stoppingTheServerEndsEveryStreamWithGoingAwayAndTheSeqToResumeFrom() throws Exception {
        RunningServer s = RunningServer.start();
        try (SseClient sse = SseClient.open(s.http, s.uri("/api/v1/stream"), null);
             RawWs ws = RawWs.send(s.server.port(), RawWs.upgrade("/api/v1/ws", "dGhlIHNhbXBsZSBub25jZQ=="), 0)) {
            assertThat(ws.readHead()).startsWith("HTTP/1.1 101 ");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.hub().subscribers() == 2);
            var r = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
            long seq = Json.MAPPER.readTree(r.body()).get("seq").asLong();
            assertThat(sse.next(Duration.ofSeconds(5)).id()).isEqualTo(seq);

            s.close();

            RawWs.WsFrame close = ws.readUntil(0x8);
            assertThat(close).as("a close frame before the socket ends").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("server shutting down: reconnect with Last-Event-ID " + seq + " to resume");
            await().atMost(Duration.ofSeconds(5)).until(() -> sse.comments().stream()
                    .anyMatch(c -> c.equals("server shutting down: reconnect with Last-Event-ID " + seq + " to resume")));
        } finally {
            s.close();
        }
    }
}
