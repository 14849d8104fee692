package io.tocsin.bench.fanout;

import java.nio.charset.StandardCharsets;

/**
 * Scans one subscriber's SSE stream (after the response head), decoding HTTP chunked transfer coding first when the
 * response uses it, and reports each event and its {@code id:} to the subscriber. Runs on the socket's loop thread.
 */
final class SseScanner {
    private static final byte[] DATA = "\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "\nid: ".getBytes(StandardCharsets.US_ASCII);

    private final SubscriberEvents events;
    // matchers for "\ndata:" and "\nid: " (each has a single '\n', at its start: mismatch restarts cheaply)
    private int dataMatch;
    private int idMatch;
    private boolean inId;
    private long idValue = -1;
    /** Consecutive line ends seen ('\r' ignored), and the time of the read that began the current block. */
    private int newlines = 2;
    private long blockStart;
    private boolean blockCounted;
    /** HTTP chunked transfer coding, decoded before the SSE scan (Tocsin streams chunked; nchan does not). */
    private boolean chunked;
    private int chunkState;
    private long chunkLeft;
    private boolean chunkExtension;

    SseScanner(SubscriberEvents events) {
        this.events = events;
    }

    /** Whether the body is in chunked transfer coding (from the response head). */
    void chunked(boolean chunked) {
        this.chunked = chunked;
    }

    /** Scans body bytes {@code a[from..to)} that came in the read at {@code now}. */
    void scan(byte[] a, int from, int to, long now) {
        if (chunked) {
            dechunk(a, from, to, now);
        } else {
            sse(a, from, to, now);
        }
    }

    /** Strips chunked transfer coding (size line, data, CRLF) and scans the data. */
    private void dechunk(byte[] a, int from, int to, long now) {
        int i = from;
        while (i < to) {
            switch (chunkState) {
                case 0 -> { // size line: hex digits, maybe ";extension", CRLF
                    byte c = a[i++];
                    int v = Character.digit(c, 16);
                    if (c == '\n') {
                        chunkState = chunkLeft == 0 ? 3 : 1;
                        chunkExtension = false;
                    } else if (c == ';') {
                        chunkExtension = true;
                    } else if (v >= 0 && !chunkExtension) {
                        chunkLeft = chunkLeft * 16 + v;
                    }
                }
                case 1 -> { // data
                    int k = (int) Math.min(chunkLeft, to - i);
                    sse(a, i, i + k, now);
                    i += k;
                    chunkLeft -= k;
                    if (chunkLeft == 0) {
                        chunkState = 2;
                    }
                }
                case 2 -> { // CRLF after the data
                    if (a[i++] == '\n') {
                        chunkState = 0;
                    }
                }
                default -> i = to; // last chunk: the stream is over; the close follows
            }
        }
    }

    /**
     * Scans SSE bytes. An event is a block (text between blank lines) with a {@code data:} line; its time is that
     * of the read which brought the block's first byte, even when the block arrives in several reads.
     */
    private void sse(byte[] a, int from, int to, long now) {
        for (int i = from; i < to; i++) {
            byte c = a[i];
            if (c == '\n') {
                newlines++;
            } else if (c != '\r') {
                if (newlines >= 2) {
                    blockStart = now;
                    blockCounted = false;
                }
                newlines = 0;
            }
            if (inId) {
                if (c >= '0' && c <= '9') {
                    idValue = idValue * 10 + (c - '0');
                } else {
                    inId = false;
                }
            }
            if (c == ID[idMatch]) {
                if (++idMatch == ID.length) {
                    idMatch = 0;
                    inId = true;
                    idValue = 0;
                }
            } else {
                idMatch = c == '\n' ? 1 : 0;
            }
            if (c == DATA[dataMatch]) {
                if (++dataMatch == DATA.length) {
                    dataMatch = 0;
                    if (!blockCounted) { // one event per block, however many data: lines it has
                        blockCounted = true;
                        events.event(blockStart);
                        events.eventId(idValue);
                        idValue = -1;
                    }
                }
            } else {
                dataMatch = c == '\n' ? 1 : 0;
            }
        }
    }
}
