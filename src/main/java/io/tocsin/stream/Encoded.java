package io.tocsin.stream;

import io.tocsin.domain.LoggedEvent;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** One event and its frames per transport, encoded on first use and then shared by every subscriber. */
final class Encoded {
    final LoggedEvent event;
    /** {@link System#nanoTime()} when the event was known durable: where the delivery latency metric starts. */
    final long committedNanos;
    private final AtomicReferenceArray<Frame> frames = new AtomicReferenceArray<>(Transport.values().length);

    Encoded(LoggedEvent event) {
        this(event, System.nanoTime());
    }

    Encoded(LoggedEvent event, long committedNanos) {
        this.event = event;
        this.committedNanos = committedNanos;
    }

    Frame frame(Transport t) {
        Frame f = frames.get(t.ordinal());
        if (f == null) {
            // Loops may race to encode: both produce identical bytes and one wins; no lock on the hot path.
            frames.compareAndSet(t.ordinal(), null, t.encode(event));
            f = frames.get(t.ordinal());
        }
        return f;
    }

    long seq() {
        return event.seq();
    }
}
