package io.tocsin.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (a client address, a token), shared by the API's and the compatibility APIs'
 * limits: at most {@code limit} hits per window. Small and
 * lock-free enough for the request path; stale windows are swept when the map grows, so a flood of keys cannot grow
 * it forever.
 */
public final class WindowLimiter {
    private static final int SWEEP_AT = 10_000;

    private final int limit;
    private final long windowNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public WindowLimiter(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    private static final class Window {
        final long start;
        int hits;

        Window(long start) {
            this.start = start;
        }
    }

    /** Counts a hit; returns the seconds to wait when this hit went over the limit, else 0. */
    public long hit(String key, long now) {
        if (windows.size() > SWEEP_AT) {
            windows.values().removeIf(w -> now - w.start >= windowNanos);
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start >= windowNanos ? new Window(now) : old);
        synchronized (w) {
            w.hits++;
            return w.hits > limit ? Math.max(1, (w.start + windowNanos - now) / 1_000_000_000L) : 0;
        }
    }
}
