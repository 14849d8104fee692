package io.tocsin.domain;

import java.util.Locale;

/** Why an alert ended: the all-clear, a correction of a false alarm, or its expiry time passed. */
public enum EndReason {
    ALL_CLEAR, FALSE_ALARM, EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndReason parse(String s) {
        return Wire.parse(EndReason.class, s, Problem.INVALID_FIELD, "reason");
    }
}
