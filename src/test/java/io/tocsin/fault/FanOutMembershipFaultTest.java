package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The fault that made healthy subscribers lose alerts: while an event is being delivered, other subscribers of the
 * same event loop are cut off (they stopped reading) or vanish (reset their connection). Their removal must not
 * disturb the walk over the loop's subscribers: every healthy subscriber, SSE and WebSocket, filtered and unfiltered,
 * on every loop, receives every matching event exactly once and in seq order.
 */
class FanOutMembershipFaultTest {
    private static final int ALERTS = 400;
    private static final String BIG_INSTRUCTION = "\"uk\":\"" + "Негайно прямуйте до укриття. ".repeat(60)
            + "\",\"en\":\"" + "Go to the nearest shelter now. ".repeat(40) + "\""; // ~4.3 KB of UTF-8

    @Test
    void healthySubscribersGetEveryEventInOrderWhileOthersStallAndVanishMidDelivery() throws Exception {
        try (RunningServer s = RunningServer.start(new ServerConfig.Limits(10, 100_000))) {
            List<SseClient> healthySse = new ArrayList<>();
            List<Boolean> sseFiltered = new ArrayList<>();
            List<WsClient> healthyWs = new ArrayList<>();
            List<Socket> stalled = new ArrayList<>();
            List<Socket> vanishing = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    boolean filtered = i % 2 == 1;
                    healthySse.add(SseClient.open(s.http, s.uri("/api/v1/stream?status=all"
                            + (filtered ? "&regions=UA-32" : "")), null));
                    sseFiltered.add(filtered);
                }
                for (int i = 0; i < 6; i++) {
                    healthyWs.add(WsClient.open(s.http, wsUri(s, i % 2 == 1 ? "&regions=UA-32" : "")));
                }
                for (int i = 0; i < 10; i++) {
                    stalled.add(rawStream(s, i % 2 == 1 ? "&regions=UA-32" : "", 4096));
                }
                for (int i = 0; i < 30; i++) {
                    vanishing.add(rawStream(s, i % 3 == 0 ? "&regions=UA-32" : "", 8192));
                }
                int expected = 40 + 6 + 10 + 30;
                await().atMost(Duration.ofSeconds(20)).until(() -> s.server.hub().subscribers() == expected);

                // An unrelated alert in UA-46: filtered subscribers must not get it, unfiltered ones must.
                List<Long> all = new ArrayList<>();
                List<Long> ua32 = new ArrayList<>();
                for (int i = 0; i < ALERTS; i++) {
                    String region = i % 10 == 9 ? "UA-46" : "UA-32";
                    String body = "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\",\"status\":\"test\","
                            + "\"instruction\":{" + BIG_INSTRUCTION + "}}";
                    var r = s.post("/api/v1/alerts", s.admin, body);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    long seq = Json.MAPPER.readTree(r.body()).get("seq").asLong();
                    all.add(seq);
                    if (region.equals("UA-32")) {
                        ua32.add(seq);
                    }
                    // Vanishing clients reset their connection at random moments of the burst, mid-delivery.
                    if (i % 13 == 0 && !vanishing.isEmpty()) {
                        Socket gone = vanishing.remove(ThreadLocalRandom.current().nextInt(vanishing.size()));
                        gone.setSoLinger(true, 0);
                        gone.close();
                    }
                }

                for (int i = 0; i < healthySse.size(); i++) {
                    List<Long> want = sseFiltered.get(i) ? ua32 : all;
                    List<Long> got = new ArrayList<>();
                    for (int k = 0; k < want.size(); k++) {
                        got.add(healthySse.get(i).next(Duration.ofSeconds(20)).id());
                    }
                    assertThat(got).as("SSE subscriber %d (filtered: %s)", i, sseFiltered.get(i)).isEqualTo(want);
                    assertThat(healthySse.get(i).poll(Duration.ofMillis(50))).isNull();
                }
                for (int i = 0; i < healthyWs.size(); i++) {
                    List<Long> want = i % 2 == 1 ? ua32 : all;
                    List<Long> got = new ArrayList<>();
                    for (int k = 0; k < want.size(); k++) {
                        JsonNode m = healthyWs.get(i).next(Duration.ofSeconds(20));
                        got.add(m.get("seq").asLong());
                    }
                    assertThat(got).as("WebSocket subscriber %d", i).isEqualTo(want);
                }
                assertThat(s.get("/metrics").body()).contains("tocsin_slow_consumer_cutoffs_total");
            } finally {
                healthySse.forEach(SseClient::close);
                healthyWs.forEach(WsClient::close);
                for (Socket socket : stalled) {
                    socket.close();
                }
                for (Socket socket : vanishing) {
                    socket.close();
                }
            }
        }
    }

    private static java.net.URI wsUri(RunningServer s, String filter) {
        return java.net.URI.create("ws://127.0.0.1:" + s.server.port() + "/api/v1/ws?status=all" + filter);
    }

    /** A stream subscriber on a raw socket that never reads: its receive buffer fills and the server cuts it off. */
    private static Socket rawStream(RunningServer s, String filter, int receiveBuffer) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", s.server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/stream?status=all" + filter + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
