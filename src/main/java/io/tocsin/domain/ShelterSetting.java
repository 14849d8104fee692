package io.tocsin.domain;

import java.util.Objects;

/** An admin's setting of a region's time to shelter, in seconds; null clears it (the region inherits again). */
public record ShelterSetting(String region, Integer seconds) {
    /** Longer than any siren-to-shelter time in use; a bound against typos, not a policy. */
    public static final int MAX_SECONDS = 3600;

    public ShelterSetting {
        Objects.requireNonNull(region, "region");
    }
}
