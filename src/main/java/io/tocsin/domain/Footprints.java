package io.tocsin.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which oblast-level units each operator's active actual alerts cover: a fold of the log beside the board, kept so
 * that the split check on every write costs a few map reads rather than a pass over every active alert (with
 * 10,000 active alerts such a pass costs milliseconds, on the path that acknowledges an alert).
 *
 * <p>Per operator it counts, for each unit, how many of its alerts cover it; the number of units is the size of
 * that count. Not thread-safe: folded and read only by the single writer, under its lock.
 */
public final class Footprints {
    private final RegionTree regions;
    /** operator → unit → how many of its active actual alerts cover the unit. */
    private final Map<String, Map<String, Integer>> units = new HashMap<>();
    /** alert id → the units it counts for (its operator is its {@code issuedBy}). */
    private final Map<String, Counted> counted = new HashMap<>();

    private record Counted(String operator, Set<String> units) {
    }

    public Footprints(RegionTree regions) {
        this.regions = regions;
    }

    /** Folds one logged event; only issues, updates and ends change a footprint. */
    public void apply(LoggedEvent logged) {
        Event e = logged.event();
        if (e.type() != EventType.ISSUED && e.type() != EventType.UPDATED && e.type() != EventType.ENDED) {
            return;
        }
        Alert a = e.alert();
        Counted before = counted.remove(a.id());
        if (before != null) {
            Map<String, Integer> mine = units.get(before.operator());
            before.units().forEach(u -> mine.computeIfPresent(u, (k, n) -> n == 1 ? null : n - 1));
            if (mine.isEmpty()) {
                units.remove(before.operator());
            }
        }
        if (counts(a)) {
            Set<String> now = SplitDetector.oblastUnits(regions, a);
            counted.put(a.id(), new Counted(a.issuedBy(), now));
            Map<String, Integer> mine = units.computeIfAbsent(a.issuedBy(), k -> new HashMap<>());
            now.forEach(u -> mine.merge(u, 1, Integer::sum));
        }
    }

    /** How many units the operator's active actual alerts cover now. */
    public int covered(String operator) {
        Map<String, Integer> mine = units.get(operator);
        return mine == null ? 0 : mine.size();
    }

    /** How many units they would cover once {@code next} (a new or changed alert of theirs) is in place. */
    public int coveredWith(Alert next) {
        Map<String, Integer> mine = units.getOrDefault(next.issuedBy(), Map.of());
        Set<String> nextUnits = counts(next) ? SplitDetector.oblastUnits(regions, next) : Set.of();
        Counted old = counted.get(next.id());
        int after = mine.size();
        if (old != null && old.operator().equals(next.issuedBy())) {
            for (String u : old.units()) {
                if (mine.get(u) == 1 && !nextUnits.contains(u)) {
                    after--; // only this alert covered it, and its new version no longer does
                }
            }
        }
        for (String u : nextUnits) {
            if (!mine.containsKey(u)) {
                after++;
            }
        }
        return after;
    }

    static boolean counts(Alert a) {
        return a.active() && a.status() == Status.ACTUAL && a.issuedBy() != null;
    }
}
