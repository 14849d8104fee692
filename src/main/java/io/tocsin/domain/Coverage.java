package io.tocsin.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of time during which an alert covered a region: from when it was issued for the region (or an update added
 * the region) until it ended or an update took the region out. {@code alert} is the alert as it stood while it
 * covered the region: its last version before the region left it, or its final version when it ended.
 *
 * @param to null while the alert still covers the region
 */
public record Coverage(Alert alert, Instant from, Instant to) {
    public Coverage {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(from, "from");
    }

    public boolean open() {
        return to == null;
    }

    /** Overlaps the window [from, to): began before its end and had not ended before its start. */
    boolean overlaps(Instant windowFrom, Instant windowTo) {
        return from.isBefore(windowTo) && (to == null || !to.isBefore(windowFrom));
    }
}
