package io.tocsin.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of the alert picture, before the log gives it a sequence number. It carries the alert's full state
 * after the change (event-carried state), so the board is a trivial fold and streams need no lookups.
 *
 * @param actor the id of the token that caused it ("system" for expiries)
 */
public record Event(EventType type, Instant at, String actor, Alert alert) {
    public static final String SYSTEM_ACTOR = "system";

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(alert, "alert");
    }
}
