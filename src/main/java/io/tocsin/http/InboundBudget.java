package io.tocsin.http;

/**
 * How many frames a stream client may send: a token bucket of {@link #BURST} frames, refilled at
 * {@link #PER_SECOND} a second. A subscriber has nothing to say after its URL — a client pings now and then and
 * answers the server's keep-alive — so a client past this is flooding, whether or not it reads the answers.
 * Touched only on the connection's event loop.
 */
final class InboundBudget {
    /** Frames a client may send at once: far more than any keep-alive scheme, far fewer than a flood. */
    static final int BURST = 100;
    /** Frames a second a client may keep sending: ten times a client that pings every second. */
    static final int PER_SECOND = 10;
    private static final long NANOS_PER_FRAME = 1_000_000_000L / PER_SECOND;

    private long tokens = BURST;
    private long refilledAt;

    InboundBudget(long nowNanos) {
        this.refilledAt = nowNanos;
    }

    /** Takes one frame from the budget; false when the client has sent more than it allows. */
    boolean take(long nowNanos) {
        long earned = (nowNanos - refilledAt) / NANOS_PER_FRAME;
        if (earned > 0) {
            tokens = Math.min(BURST, tokens + earned);
            refilledAt += earned * NANOS_PER_FRAME;
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }
}
