package io.tocsin.stream;

import io.tocsin.domain.LoggedEvent;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/** One event and its bytes per transport, encoded on first use and then shared by every subscriber. */
final class Encoded {
    final LoggedEvent event;
    private final AtomicReferenceArray<Buffer> frames = new AtomicReferenceArray<>(Transport.values().length);

    Encoded(LoggedEvent event) {
        this.event = event;
    }

    Buffer frame(Transport t) {
        Buffer b = frames.get(t.ordinal());
        if (b == null) {
            // Two threads may race to encode: both produce identical bytes and one wins; no lock on the hot path.
            frames.compareAndSet(t.ordinal(), null, t.encode(event));
            b = frames.get(t.ordinal());
        }
        return b;
    }

    long seq() {
        return event.seq();
    }
}
