package io.tocsin.stream;

import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventLoopSpreadTest {

    @Test
    void subscribersAreSpreadOverEveryEventLoopAndEachLoopDeliversItsShare() throws Exception {
        try (RunningServer s = RunningServer.start()) {
            int loops = s.server.eventLoops();
            List<SseClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 4 * loops; i++) {
                    clients.add(SseClient.open(s.http, s.uri("/api/v1/stream"), null));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> s.server.hub().subscribers() == clients.size());
                // Connections go round-robin to one server per loop, so every loop has a hub with subscribers.
                assertThat(s.server.hub().loops()).isEqualTo(loops);
                s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
                for (SseClient c : clients) {
                    assertThat(c.next(Duration.ofSeconds(10)).type()).isEqualTo("alert.issued");
                }
            } finally {
                for (SseClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
