package io.tocsin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.RawWs;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a WebSocket subscriber may send is bounded: a client that pings like a client is answered every time; one
 * that floods is closed with 1008 and counted; a fragmented message over 4 KiB is closed with 1009 and counted.
 */
@ExtendWith(ServerPerClass.class)
class WebSocketInboundLimitsTest {
    static RunningServer s;

    private RawWs open() throws IOException {
        RawWs ws = RawWs.send(s.server.port(), RawWs.upgrade("/api/v1/ws", "dGhlIHNhbXBsZSBub25jZQ=="), 0);
        assertThat(ws.readHead()).startsWith("HTTP/1.1 101 ");
        return ws;
    }

    @Test
    void aClientPingingWithinTheBoundGetsEveryPongButOneThatKeepsOnFloodingIsClosedWith1008AndCounted()
            throws Exception {
        double before = metric("rate");
        try (RawWs ws = open()) {
            write(ws, pings(0, 50));
            for (int i = 0; i < 50; i++) {
                RawWs.WsFrame pong = ws.readUntil(0xA);
                assertThat(pong).isNotNull();
                assertThat(pong.text()).isEqualTo("ping " + i);
            }
            write(ws, pings(50, 1_000));
            int pongs = 0;
            RawWs.WsFrame f = ws.readFrame();
            while (f != null && f.opcode() != 0x8) {
                pongs += f.opcode() == 0xA ? 1 : 0;
                f = ws.readFrame();
            }
            assertThat(f).as("a close frame ends the flood").isNotNull();
            assertThat(f.closeCode()).isEqualTo(1008);
            assertThat(pongs).as("answered at most the rest of the burst").isLessThanOrEqualTo(60);
            assertThat(ws.readFrame()).as("the server ends its side after the close frame").isNull();
        }
        assertThat(metric("rate")).isEqualTo(before + 1);
    }

    @Test
    void aFragmentedMessageWithinTheBoundIsDroppedQuietlyButOneOverItIsClosedWith1009AndCounted() throws Exception {
        double before = metric("size");
        try (RawWs ws = open()) {
            byte[] part = new byte[1_000];
            ByteArrayOutputStream small = new ByteArrayOutputStream();
            small.writeBytes(frame(0x1, false, part));
            small.writeBytes(frame(0x0, false, part));
            small.writeBytes(frame(0x0, true, part));
            small.writeBytes(frame(0x9, true, "still here?".getBytes(StandardCharsets.US_ASCII)));
            write(ws, small.toByteArray());
            RawWs.WsFrame pong = ws.readUntil(0xA);
            assertThat(pong).isNotNull();
            assertThat(pong.text()).isEqualTo("still here?");

            byte[] big = new byte[3_000];
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            msg.writeBytes(frame(0x1, false, big)); // text, more to come
            msg.writeBytes(frame(0x0, false, big)); // continuation: 6,000 bytes so far
            write(ws, msg.toByteArray());
            RawWs.WsFrame close = ws.readUntil(0x8);
            assertThat(close).isNotNull();
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        assertThat(metric("size")).isEqualTo(before + 1);
    }

    private static byte[] pings(int from, int to) {
        ByteArrayOutputStream pings = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            pings.writeBytes(frame(0x9, true, ("ping " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        return pings.toByteArray();
    }

    private static void write(RawWs ws, byte[] bytes) throws IOException {
        OutputStream out = ws.socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static double metric(String reason) {
        for (String line : s.get("/metrics").body().split("\n")) {
            if (line.startsWith("tocsin_flood_closes_total{") && line.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no tocsin_flood_closes_total{reason=\"" + reason + "\"} in /metrics");
    }

    /** One masked frame as a client sends it; {@code fin} false for all but a message's last fragment. */
    private static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        return f.toByteArray();
    }
}
