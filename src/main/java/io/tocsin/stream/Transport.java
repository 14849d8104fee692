package io.tocsin.stream;

import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.EventJson;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A wire format for streamed events: each knows how to encode an event once into the bytes every subscriber gets. */
public enum Transport {
    /** Server-Sent Events: {@code id:} carries seq so browsers resume with Last-Event-ID. */
    SSE {
        @Override
        Frame encode(LoggedEvent e) {
            String json = EventJson.writePublic(e).toString();
            byte[] block = ("id: " + e.seq() + "\nevent: " + e.event().type().wire() + "\ndata: " + json + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            // As an HTTP/1.1 chunk: size in hex, CRLF, the block, CRLF.
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(block.length + 12);
            chunk.writeBytes((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.writeBytes(block);
            chunk.writeBytes(new byte[]{'\r', '\n'});
            return new Frame(Buffer.buffer(block), chunk.toByteArray());
        }
    },
    /** WebSocket: one text message per event, the same JSON as SSE's data line. */
    WS {
        @Override
        Frame encode(LoggedEvent e) {
            byte[] json = EventJson.writePublic(e).toString().getBytes(StandardCharsets.UTF_8);
            return new Frame(Buffer.buffer(json), textFrame(json));
        }
    };

    abstract Frame encode(LoggedEvent e);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An unmasked, final WebSocket text frame (RFC 6455 §5.2): servers never mask. */
    static byte[] textFrame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] f = new byte[header + n];
        f[0] = (byte) 0x81;
        if (n < 126) {
            f[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            f[1] = 126;
            f[2] = (byte) (n >>> 8);
            f[3] = (byte) n;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, f, header, n);
        return f;
    }
}
