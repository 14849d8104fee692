package io.tocsin.push.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again, and for how long before the subscription is disabled. Injectable, so tests
 * retry in milliseconds and jump the clock past the window instead of waiting a day.
 */
public interface RetrySchedule {
    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures (1 after the first). */
    Duration delay(int attempt);

    /** How long a message may keep failing before its subscription is disabled. */
    Duration window();

    /**
     * The default: 5 s doubling to at most an hour, each wait drawn from 50–100 % of that ("equal jitter", so that
     * receivers that failed together do not come back together), for 26 hours: a receiver down for a full day and
     * night still gets everything.
     */
    RetrySchedule DEFAULT = exponential(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(26));

    static RetrySchedule exponential(Duration first, Duration cap, Duration window) {
        return new RetrySchedule() {
            @Override
            public Duration delay(int attempt) {
                long base = first.toMillis() << Math.min(30, Math.max(0, attempt - 1));
                long capped = Math.min(base, cap.toMillis());
                long half = capped / 2;
                return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
            }

            @Override
            public Duration window() {
                return window;
            }
        };
    }
}
