package io.tocsin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A night's public report of an attack, as an operator enters it from the official statements: the period, how many
 * of each weapon class were launched and destroyed, the regions struck, people killed and injured (children
 * counted separately, and also included in the totals), responders deployed and the source. Immutable; a correction
 * is a new version with the same id, a later {@code updatedAt} and a note.
 *
 * @param weapons   per class: launched and destroyed (destroyed never above launched, null when the statement does
 *                  not say); classes not reported absent
 * @param responders null when the report does not say
 */
public record AttackReport(String id, Instant from, Instant to, Map<WeaponClass, Counts> weapons,
                           List<String> regionsStruck, int killed, int killedChildren, int injured,
                           int injuredChildren, Integer responders, String source, String note, String enteredBy,
                           Instant recordedAt, Instant updatedAt) {
    /** Launched and destroyed (shot down or suppressed) of one weapon class; destroyed null when not stated. */
    public record Counts(int launched, Integer destroyed) {
    }

    public AttackReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        weapons = Map.copyOf(weapons);
        regionsStruck = List.copyOf(regionsStruck);
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** All weapons launched, every class together. */
    public int launched() {
        return weapons.values().stream().mapToInt(Counts::launched).sum();
    }

    public int destroyed() {
        return weapons.values().stream().mapToInt(c -> c.destroyed() == null ? 0 : c.destroyed()).sum();
    }
}
