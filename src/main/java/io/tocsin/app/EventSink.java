package io.tocsin.app;

import io.tocsin.domain.LoggedEvent;

/** Receives every event once it is durable, in seq order, on the writer's thread. Must not block. */
public interface EventSink {
    void publish(LoggedEvent event);
}
