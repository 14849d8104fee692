package io.tocsin.domain;

import java.util.Locale;

/** Pre-alert (a threat is approaching) or alert (take shelter now). */
public enum Stage {
    PRE_ALERT, ALERT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String s) {
        return Wire.parse(Stage.class, s, Problem.INVALID_FIELD, "stage");
    }
}
