package io.tocsin.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Detects a nationwide alert split into pieces that each stay below the two-person bound. Detected, not delayed:
 * on an attack night many oblasts are rightly alerted within minutes by one duty officer, and a true warning must
 * never wait. So every piece is issued at once, and when one operator's active actual alerts <em>come to</em>
 * cover the bound of oblast-level units (a raion or hromada counts as its oblast), a {@code review.requested}
 * event is logged with the alert that crossed it and pushed to the other operators in scope and the admins.
 *
 * <p>"Come to": the request is made when the coverage crosses the bound, not again for every further piece while
 * it stays above it; once it falls below (alerts ended or narrowed) the next crossing asks again.
 */
public final class SplitDetector {
    private final RegionTree regions;
    private final int bound;

    public SplitDetector(RegionTree regions, int bound) {
        this.regions = regions;
        this.bound = bound;
    }

    /** The number of oblast-level units at which one operator's alerts ask for a review (the two-person bound). */
    public int bound() {
        return bound;
    }

    /** Which oblast-level units one operator's active actual alerts cover, and by which alerts. */
    public record Footprint(String operator, Set<String> oblasts, List<Alert> alerts) {
        public Footprint {
            oblasts = Set.copyOf(oblasts);
            alerts = List.copyOf(alerts);
        }
    }

    /**
     * The review request that {@code decided} (an issue or update about to be appended after everything
     * {@code footprints} has folded) calls for: when it makes its issuer's active actual alerts come to cover the
     * bound.
     */
    public Optional<Event> reviewFor(Footprints footprints, Event decided) {
        Alert next = decided.alert();
        if ((decided.type() != EventType.ISSUED && decided.type() != EventType.UPDATED) || !Footprints.counts(next)) {
            return Optional.empty();
        }
        if (footprints.covered(next.issuedBy()) >= bound || footprints.coveredWith(next) < bound) {
            return Optional.empty();
        }
        return Optional.of(new Event(EventType.REVIEW_REQUESTED, decided.at(), decided.actor(), next));
    }

    /**
     * Operators whose active actual alerts cover the bound now, widest first: what reviewers should look at. A pass
     * over the board, for the reviews listing (off the write path).
     */
    public List<Footprint> wide(Board board) {
        Map<String, List<Alert>> byOperator = new LinkedHashMap<>();
        for (Alert a : board.active()) {
            if (Footprints.counts(a)) {
                byOperator.computeIfAbsent(a.issuedBy(), k -> new ArrayList<>()).add(a);
            }
        }
        List<Footprint> out = new ArrayList<>();
        byOperator.forEach((operator, alerts) -> {
            Set<String> units = new TreeSet<>();
            alerts.forEach(a -> units.addAll(oblastUnits(regions, a)));
            if (units.size() >= bound) {
                out.add(new Footprint(operator, units, alerts));
            }
        });
        out.sort(Comparator.comparingInt((Footprint f) -> f.oblasts().size()).reversed()
                .thenComparing(Footprint::operator));
        return out;
    }

    /**
     * Whether a review request goes to {@code viewer}: every admin; an operator whose scope overlaps the alert that
     * crossed the bound (either holds the other), unless it is the operator the request is about; nobody else.
     */
    public static boolean isReviewerOf(Actor viewer, Event review, RegionTree tree) {
        if (viewer == null || review.type() != EventType.REVIEW_REQUESTED) {
            return false;
        }
        if (viewer.role() == Role.ADMIN) {
            return true;
        }
        if (viewer.role() != Role.OPERATOR || viewer.id().equals(review.alert().issuedBy())) {
            return false;
        }
        return overlaps(viewer, review.alert().regions(), tree);
    }

    /** True when some region of the operator's scope holds, or lies within, one of {@code codes}. */
    public static boolean overlaps(Actor operator, List<String> codes, RegionTree tree) {
        for (String s : operator.scope()) {
            for (String r : codes) {
                if (tree.isSelfOrAncestor(s, r) || tree.isSelfOrAncestor(r, s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The oblast-level units the alert covers: a raion or hromada counts as its oblast. */
    static Set<String> oblastUnits(RegionTree regions, Alert a) {
        Set<String> units = new HashSet<>();
        for (String code : a.regions()) {
            units.add(regions.oblastOf(code).map(Region::code).orElse(code));
        }
        return units;
    }
}
