package io.tocsin.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset the test moves forward (the server's timers keep running, its "now" jumps), or, made
 * with {@link #fixedAt}, a time that moves only when the test moves it.
 */
public final class MovableClock extends Clock {
    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
    private final Instant fixed;

    public MovableClock() {
        this(null);
    }

    private MovableClock(Instant fixed) {
        this.fixed = fixed;
    }

    public static MovableClock fixedAt(Instant start) {
        return new MovableClock(start);
    }

    public void advance(Duration d) {
        ahead.updateAndGet(a -> a.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (fixed == null ? Instant.now() : fixed).plus(ahead.get());
    }
}
