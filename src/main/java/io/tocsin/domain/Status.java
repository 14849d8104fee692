package io.tocsin.domain;

import java.util.Locale;

/** CAP's status: an exercise or a test must never be shown as actual anywhere. */
public enum Status {
    ACTUAL, EXERCISE, TEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String s) {
        return Wire.parse(Status.class, s, Problem.INVALID_FIELD, "status");
    }
}
