package io.tocsin.compat.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-minute window per key (a token, a client address): at most {@code perMinute} requests in it.
 * Windows that ended are swept when the map grows, so a flood of addresses cannot grow it forever.
 */
final class Limiter {
    private static final long MINUTE = 60_000_000_000L;
    private static final int SWEEP_AT = 20_000;

    private final int perMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    Limiter(int perMinute) {
        this.perMinute = perMinute;
    }

    private static final class Window {
        final long start;
        int hits;

        Window(long start) {
            this.start = start;
        }
    }

    /** Counts a request; returns the seconds until the window ends when this one is over the limit, else 0. */
    long hit(String key, long now) {
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start >= MINUTE);
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start >= MINUTE ? new Window(now) : old);
        synchronized (w) {
            w.hits++;
            return w.hits > perMinute ? Math.max(1, (w.start + MINUTE - now + 999_999_999L) / 1_000_000_000L) : 0;
        }
    }
}
