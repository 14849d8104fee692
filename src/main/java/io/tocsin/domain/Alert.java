package io.tocsin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one alert after some event. Immutable: every change makes a new snapshot, which is what events
 * carry, so a subscriber or a replay never needs to fold history to know what an alert looks like.
 *
 * @param regions        public region codes, normalised and de-duplicated, in the order given
 * @param shelterSeconds the time to shelter this version told residents: the shortest of its regions' (each set by
 *                       an admin or inherited from above), null when none is set
 */
public record Alert(String id, List<String> regions, Threat threat, Threat.Subtype subtype, Stage stage,
                    Status status, Texts texts, String issuedBy, Instant issuedAt, Instant updatedAt,
                    Instant expiresAt, Instant endedAt, EndReason endReason, Integer shelterSeconds) {
    public Alert {
        Objects.requireNonNull(id, "id");
        regions = List.copyOf(regions);
        Objects.requireNonNull(threat, "threat");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Alert(String id, List<String> regions, Threat threat, Threat.Subtype subtype, Stage stage, Status status,
                 Texts texts, String issuedBy, Instant issuedAt, Instant updatedAt, Instant expiresAt, Instant endedAt,
                 EndReason endReason) {
        this(id, regions, threat, subtype, stage, status, texts, issuedBy, issuedAt, updatedAt, expiresAt, endedAt,
                endReason, null);
    }

    public Alert withShelter(Integer seconds) {
        return new Alert(id, regions, threat, subtype, stage, status, texts, issuedBy, issuedAt, updatedAt, expiresAt,
                endedAt, endReason, seconds);
    }

    public boolean active() {
        return endedAt == null;
    }

    Alert ended(Instant at, EndReason reason) {
        return new Alert(id, regions, threat, subtype, stage, status, texts, issuedBy, issuedAt, at, expiresAt, at,
                reason, shelterSeconds);
    }
}
