package io.tocsin.stream;

import io.tocsin.json.Json;
import io.tocsin.support.RawWs;
import io.tocsin.support.RunningServer;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SlowWebSocketConsumerTest {

    @Test
    void aWebSocketSubscriberThatStopsReadingIsClosedWith4008AndResumesByAfterWithoutGapOrRepeat() throws Exception {
        try (RunningServer s = RunningServer.start(new io.tocsin.server.ServerConfig.Limits(10, 100_000));
             WsClient healthy = WsClient.open(s.http, wsUri(s, ""));
             RawWs stalled = RawWs.send(s.server.port(), RawWs.upgrade("/api/v1/ws", "dGhlIHNhbXBsZSBub25jZQ=="), 4096)) {
            assertThat(stalled.readHead()).startsWith("HTTP/1.1 101 ");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.hub().subscribers() == 2);

            List<Long> issued = new ArrayList<>();
            for (int i = 0; i < SlowConsumerTest.ALERTS; i++) {
                String body = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"instruction\":{\"uk\":\""
                        + SlowConsumerTest.BIG_INSTRUCTION + "\"}}";
                var r = s.post("/api/v1/alerts", s.admin, body);
                assertThat(r.statusCode()).isEqualTo(201);
                issued.add(Json.MAPPER.readTree(r.body()).get("seq").asLong());
                assertThat(healthy.next(Duration.ofSeconds(5)).get("seq").asLong()).isEqualTo(issued.get(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> s.server.hub().subscribers() == 1);

            // The stalled client now reads the events it was sent, then the close frame with the reason.
            long lastComplete = 0;
            RawWs.WsFrame f = stalled.readFrame();
            while (f != null && f.opcode() != 0x8) {
                if (f.opcode() == 0x1) {
                    long seq = Json.MAPPER.readTree(f.text()).get("seq").asLong();
                    assertThat(seq).as("in order, no repeat").isGreaterThan(lastComplete);
                    lastComplete = seq;
                }
                f = stalled.readFrame();
            }
            assertThat(f).as("a close frame ends the stream").isNotNull();
            assertThat(f.closeCode()).isEqualTo(4008);
            assertThat(new String(f.payload(), 2, f.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("slow consumer: reconnect with Last-Event-ID " + lastComplete + " to resume");
            assertThat(lastComplete).isLessThan(issued.get(issued.size() - 1));

            try (WsClient resumed = WsClient.open(s.http, wsUri(s, "?after=" + lastComplete))) {
                for (long seq = lastComplete + 1; seq <= issued.get(issued.size() - 1); seq++) {
                    assertThat(resumed.next(Duration.ofSeconds(5)).get("seq").asLong()).isEqualTo(seq);
                }
                assertThat(resumed.poll(Duration.ofMillis(300))).isNull();
            }
        }
    }

    private static URI wsUri(RunningServer s, String query) {
        return URI.create(s.server.url().replace("http://", "ws://") + "/api/v1/ws" + query);
    }
}
