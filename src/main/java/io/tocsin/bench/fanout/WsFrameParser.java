package io.tocsin.bench.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one subscriber's WebSocket frames (after the 101 handshake): a text or binary frame is an event, whose id
 * is the first {@code "seq":} of its JSON; pings are answered and a close frame means the server dropped the
 * subscriber. Runs on the socket's loop thread.
 */
final class WsFrameParser {
    private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** The subscriber socket behind the parser. */
    interface Peer extends SubscriberEvents {
        /** Answers a ping carrying {@code payload[0..length)}. */
        void pong(byte[] payload, int length) throws IOException;

        /** The server sent a close frame. */
        void closed(String why);
    }

    private final Peer peer;
    private int state;
    private int opcode;
    private long remaining;
    private int need;
    private boolean masked;
    private byte[] control;
    private int controlLength;
    // "seq" matcher over the message payload
    private int seqMatch;
    private boolean inSeq;
    private long seqValue = -1;

    WsFrameParser(Peer peer) {
        this.peer = peer;
    }

    /** Parses bytes {@code a[from..to)} that came in the read at {@code now}. */
    void parse(byte[] a, int from, int to, long now) throws IOException {
        int i = from;
        while (i < to) {
            switch (state) {
                case 0 -> { // FIN, opcode
                    opcode = a[i++] & 0x0F;
                    if (opcode == 1 || opcode == 2) {
                        peer.event(now);
                        seqMatch = 0;
                        inSeq = false;
                        seqValue = -1;
                    }
                    state = 1;
                }
                case 1 -> { // MASK bit, 7-bit length
                    int b = a[i++];
                    masked = (b & 0x80) != 0;
                    int len = b & 0x7F;
                    if (len >= 126) {
                        need = len == 126 ? 2 : 8;
                        remaining = 0;
                        state = 2;
                    } else {
                        remaining = len;
                        afterLength();
                    }
                }
                case 2 -> { // extended length
                    remaining = (remaining << 8) | (a[i++] & 0xFF);
                    if (--need == 0) {
                        afterLength();
                    }
                }
                case 3 -> { // masking key (servers do not mask; skipped if one does)
                    i++;
                    if (--need == 0) {
                        startPayload();
                    }
                }
                default -> { // payload
                    int k = (int) Math.min(remaining, to - i);
                    if (opcode == 1 || opcode == 2 || opcode == 0) {
                        scanSeq(a, i, i + k);
                    } else {
                        System.arraycopy(a, i, control, controlLength, k);
                        controlLength += k;
                    }
                    i += k;
                    remaining -= k;
                    if (remaining == 0) {
                        frameEnd();
                    }
                }
            }
        }
    }

    private void afterLength() throws IOException {
        if (masked) {
            need = 4;
            state = 3;
        } else {
            startPayload();
        }
    }

    private void startPayload() throws IOException {
        if (opcode >= 8) {
            if (remaining > 125) {
                throw new IOException("control frame longer than 125 bytes");
            }
            control = new byte[(int) remaining];
            controlLength = 0;
        }
        if (remaining == 0) {
            frameEnd();
        } else {
            state = 4;
        }
    }

    private void frameEnd() throws IOException {
        state = 0;
        switch (opcode) {
            case 1, 2 -> peer.eventId(seqValue);
            case 9 -> peer.pong(control, controlLength);
            case 8 -> peer.closed("WebSocket closed by the server");
            default -> {
                // continuation or pong: nothing to do
            }
        }
    }

    private void scanSeq(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = a[i];
            if (inSeq) {
                if (c >= '0' && c <= '9') {
                    seqValue = seqValue * 10 + (c - '0');
                    continue;
                }
                inSeq = false;
            }
            if (seqValue >= 0) {
                continue; // the first "seq" of the message is the event's
            }
            if (c == SEQ[seqMatch]) {
                if (++seqMatch == SEQ.length) {
                    seqMatch = 0;
                    inSeq = true;
                    seqValue = 0;
                }
            } else {
                seqMatch = c == '"' ? 1 : 0;
            }
        }
    }
}
