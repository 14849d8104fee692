package io.tocsin.security;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 rapid-reset flood (CVE-2023-44487) on one h2c connection: HEADERS then RST_STREAM, again and again. The
 * server closes the connection (GOAWAY) after a bounded number of resets and keeps serving everyone else.
 */
@ExtendWith(ServerPerClass.class)
class Http2RapidResetTest {
    private static final byte HEADERS = 1;
    private static final byte RST_STREAM = 3;
    private static final byte SETTINGS = 4;
    private static final byte GOAWAY = 7;
    static RunningServer s;

    @Test
    void aResetFloodOnOneConnectionIsCutOffAndHealthStillAnswers() throws Exception {
        boolean goAway = false;
        boolean closed = false;
        try (Socket sock = new Socket("127.0.0.1", s.server.port())) {
            OutputStream out = sock.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(frame(SETTINGS, 0, 0, new byte[0]));
            // GET http://localhost/ in HPACK: static :method GET, :scheme http, :path /, :authority as a literal.
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(new byte[]{(byte) 0x82, (byte) 0x86, (byte) 0x84, 0x01, 9});
            block.write("localhost".getBytes(StandardCharsets.US_ASCII));
            byte[] cancel = ByteBuffer.allocate(4).putInt(8).array();
            try {
                // 150 resets: past the server's 100 per 30 s, under Vert.x's default of 200 that let 50,000 through
                // as fast as a client could reconnect.
                for (int i = 0; i < 150; i++) {
                    int stream = 2 * i + 1;
                    out.write(frame(HEADERS, 0x5, stream, block.toByteArray())); // END_STREAM | END_HEADERS
                    out.write(frame(RST_STREAM, 0, stream, cancel));
                }
                out.flush();
            } catch (SocketException cutOffWhileSending) {
                closed = true;
            }
            sock.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(sock.getInputStream());
            try {
                while (!closed) {
                    byte[] head = new byte[9];
                    in.readFully(head);
                    int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
                    in.readFully(new byte[length]);
                    if (head[3] == GOAWAY) {
                        goAway = true;
                    }
                }
            } catch (java.io.EOFException | SocketException end) {
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                // the flood was let through
            }
        }
        assertThat(goAway || closed).as("the flooding connection is cut off").isTrue();
        long t0 = System.nanoTime();
        assertThat(s.get("/health").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    private static byte[] frame(byte type, int flags, int stream, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        b.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        b.put(type).put((byte) flags).putInt(stream).put(payload);
        return b.array();
    }
}
