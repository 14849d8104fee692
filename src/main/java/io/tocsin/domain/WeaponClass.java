package io.tocsin.domain;

import java.util.Locale;

/** The weapon classes of a night's public report (how the Air Force reports them). */
public enum WeaponClass {
    /** Shahed-type attack drones and the decoys launched with them, counted together as the Air Force does. */
    ATTACK_DRONES_AND_DECOYS, CRUISE_MISSILES, BALLISTIC_MISSILES, GUIDED_BOMBS, OTHER;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static WeaponClass parse(String s) {
        return Wire.parse(WeaponClass.class, s, Problem.INVALID_FIELD, "weapon class");
    }
}
