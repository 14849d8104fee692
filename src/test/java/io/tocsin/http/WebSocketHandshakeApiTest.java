package io.tocsin.http;

import io.tocsin.support.RawWs;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server's side of the RFC 6455 opening handshake and control frames, checked byte by byte. */
@ExtendWith(ServerPerClass.class)
class WebSocketHandshakeApiTest {
    /** The sample key of RFC 6455 §1.3 and the accept value the RFC gives for it. */
    static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    static RunningServer s;

    @org.junit.jupiter.api.AfterEach
    void eachTestLeavesNoSubscriber() {
        awaitSubscribers(0);
    }

    @Test
    void theRfcSampleKeyIsAnsweredWithTheRfcsAcceptValueAndEventsFollowAsTextFrames() throws Exception {
        try (RawWs ws = RawWs.send(s.server.port(), RawWs.upgrade("/api/v1/ws?regions=UA-46", RFC_KEY), 0)) {
            String head = ws.readHead();
            assertThat(head).startsWith("HTTP/1.1 101 ").containsIgnoringCase("Upgrade: websocket")
                    .containsIgnoringCase("Connection: Upgrade").contains("Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n");
            awaitSubscribers(1);
            var r = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            RawWs.WsFrame event = ws.readUntil(0x1);
            assertThat(event.text()).contains("\"type\":\"alert.issued\"")
                    .contains("\"seq\":" + io.tocsin.json.Json.MAPPER.readTree(r.body()).get("seq").asLong());
        }
        awaitSubscribers(0);
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
        try (RawWs ws = open()) {
            ws.sendFrame(0x9, "are you there 42".getBytes(StandardCharsets.UTF_8));
            RawWs.WsFrame pong = ws.readUntil(0xA);
            assertThat(pong.text()).isEqualTo("are you there 42");
        }
    }

    @Test
    void aClientsCloseIsEchoedTheSocketEndsAndTheSubscriptionIsGone() throws Exception {
        try (RawWs ws = open()) {
            awaitSubscribers(1);
            ws.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000, normal closure
            RawWs.WsFrame close = ws.readUntil(0x8);
            assertThat(close.closeCode()).isEqualTo(1000);
            assertThat(ws.readFrame()).as("the server closes the TCP connection after the close handshake").isNull();
            awaitSubscribers(0);
        }
    }

    @Test
    void anOversizedFrameFromTheClientEndsItsConnectionAndNothingElse() throws Exception {
        try (RawWs ws = open()) {
            awaitSubscribers(1);
            ws.sendFrame(0x1, new byte[20_000]);
            try {
                RawWs.WsFrame close = ws.readUntil(0x8);
                if (close != null) {
                    assertThat(close.closeCode()).as("1009: message too big").isEqualTo(1009);
                }
            } catch (java.net.SocketException reset) {
                // Also right: the server closed with the rest of the client's frame unread, so TCP answers with RST.
            }
            awaitSubscribers(0);
        }
        assertThat(s.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsupportedVersionIsRefusedWithAProblemNamingTheVersionServed() throws Exception {
        String req = RawWs.upgrade("/api/v1/ws", RFC_KEY).replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        try (RawWs ws = RawWs.send(s.server.port(), req, 0)) {
            String head = ws.readHead();
            assertThat(head).startsWith("HTTP/1.1 400 ").contains("application/problem+json")
                    .containsIgnoringCase("Sec-WebSocket-Version: 13");
            assertThat(ws.readBody(contentLength(head))).contains("\"code\":\"bad-handshake\"").contains("version 13");
        }
    }

    @Test
    void aMissingOrMalformedKeyIsRefusedWithAProblem() throws Exception {
        for (String req : new String[] {
                RawWs.upgrade("/api/v1/ws", RFC_KEY).replace("Sec-WebSocket-Key: " + RFC_KEY + "\r\n", ""),
                RawWs.upgrade("/api/v1/ws", "not-base64-and-not-16-bytes")}) {
            try (RawWs ws = RawWs.send(s.server.port(), req, 0)) {
                String head = ws.readHead();
                assertThat(head).startsWith("HTTP/1.1 400 ");
                assertThat(ws.readBody(contentLength(head))).contains("\"code\":\"bad-handshake\"").contains("Sec-WebSocket-Key");
            }
        }
        assertThat(s.server.hub().subscribers()).isZero();
    }

    static RawWs open() throws Exception {
        RawWs ws = RawWs.send(s.server.port(), RawWs.upgrade("/api/v1/ws", RFC_KEY), 0);
        assertThat(ws.readHead()).startsWith("HTTP/1.1 101 ");
        return ws;
    }

    static void awaitSubscribers(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> s.server.hub().subscribers() == n);
    }

    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }
}
