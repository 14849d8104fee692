package io.tocsin.domain;

import java.time.Instant;
import java.util.List;

/**
 * A change to an active alert; null fields stay as they are, and so do the texts {@code texts} does not name. The
 * status cannot change: an exercise never turns into an actual alert (issue a new one instead). {@code clearExpiry}
 * removes the expiry.
 */
public record UpdateAlert(String alertId, List<String> regions, Threat threat, Threat.Subtype subtype, Stage stage,
                          TextsPatch texts, Instant expiresAt, boolean clearExpiry) {
    public UpdateAlert {
        regions = regions == null ? null : List.copyOf(regions);
    }
}
