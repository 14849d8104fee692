package io.tocsin.bench.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The HTTP response head of one subscriber, accumulated across reads until the blank line, then checked: the
 * status must be the one the transport expects (200 for SSE, 101 for a WebSocket upgrade).
 */
final class ResponseHead {
    private final String want;
    private byte[] head = new byte[512];
    private int headLength;

    ResponseHead(Target.Transport transport) {
        this.want = transport == Target.Transport.SSE ? " 200" : " 101";
    }

    /**
     * Accumulates {@code a[0..n)}; returns the offset of the first body byte once the head is complete, or -1 while
     * it is not.
     *
     * @throws IOException when the head exceeds 16 KB or the status is not the expected one
     */
    int add(byte[] a, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            if (headLength == head.length) {
                if (head.length >= 16 * 1024) {
                    throw new IOException("response head larger than 16 KB");
                }
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = a[i];
            if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                    && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                String status = new String(head, 0, Math.min(headLength, 40), StandardCharsets.US_ASCII);
                if (!status.startsWith("HTTP/1.1" + want) && !status.startsWith("HTTP/1.0" + want)) {
                    String line = status.contains("\r") ? status.substring(0, status.indexOf('\r')) : status;
                    throw new IOException("unexpected response '" + line + "'");
                }
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether the (complete) head announces chunked transfer coding. */
    boolean chunked() {
        return new String(head, 0, headLength, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .matches("(?s).*\r\ntransfer-encoding:[^\r]*chunked.*");
    }
}
