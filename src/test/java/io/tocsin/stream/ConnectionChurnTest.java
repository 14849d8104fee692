package io.tocsin.stream;

import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectionChurnTest {

    @Test
    void subscribersJoiningAndLeavingWhileAlertsFlyLeakNothing() throws Exception {
        try (RunningServer s = RunningServer.start()) {
            AtomicBoolean flying = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (flying.get()) {
                    s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"" + (i++ % 2 == 0 ? "UA-32" : "UA-46")
                            + "\"],\"threat\":\"air_raid\"}");
                }
            });
            for (int round = 0; round < 15; round++) {
                List<AutoCloseable> open = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String q = i % 3 == 0 ? "?regions=UA-32" : i % 3 == 1 ? "?after=1" : "";
                    open.add(i % 2 == 0 ? SseClient.open(s.http, s.uri("/api/v1/stream" + q), null)
                            : WsClient.open(s.http, URI.create(s.server.url().replace("http", "ws") + "/api/v1/ws" + q)));
                }
                assertThat(s.server.hub().subscribers()).isPositive();
                for (AutoCloseable c : open) {
                    c.close();
                }
            }
            flying.set(false);
            writer.join();
            await().atMost(Duration.ofSeconds(15)).until(() -> s.server.hub().subscribers() == 0);
            // 600 subscriptions came and went: the hub keeps one loop hub per event loop, not one per subscriber.
            assertThat(s.server.hub().loops()).isBetween(1, s.server.eventLoops());
            assertThat(s.get("/metrics").body()).contains("tocsin_subscribers{transport=\"sse\"} 0.0")
                    .contains("tocsin_subscribers{transport=\"ws\"} 0.0");
        }
    }
}
