package io.tocsin.app;

import io.tocsin.domain.LoggedEvent;

/** Receives every event once it is durable, in seq order, on the writer's thread. Must not block. */
public interface EventSink {
    void publish(LoggedEvent event);

    /**
     * The same, with the {@link System#nanoTime()} at which the desk learned the event was durable (its own append
     * acknowledged, or another process's append read from the log): sinks that measure delivery start there.
     */
    default void publish(LoggedEvent event, long committedNanos) {
        publish(event);
    }
}
