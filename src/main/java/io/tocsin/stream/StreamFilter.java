package io.tocsin.stream;

import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.SplitDetector;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;

import java.util.List;
import java.util.Set;

/**
 * What a subscriber wants. {@code regions} use the hierarchy both ways: a subscriber to an oblast hears of alerts
 * on any of its parts, a subscriber to a hromada hears of alerts on its raion and oblast. {@code pointRegion} (the
 * deepest region found for a lat/lon) is narrower: only alerts that cover the point (on it or an ancestor).
 * Empty {@code regions} with no point means everywhere. Empty {@code threats} means every threat; an entry is a
 * threat ({@code air_raid}) or a threat with subtype ({@code air_raid:drones}).
 *
 * <p>{@code viewer} is the token the subscriber authenticated with, or null (anonymous, the usual case). It adds
 * nothing to the public events; it only lets the stream carry the non-public {@code review.requested} events to
 * the operators and admins they concern ({@link SplitDetector#isReviewerOf}), under the same filter.
 */
public record StreamFilter(List<String> regions, String pointRegion, Set<String> threats, Set<Status> statuses,
                           Actor viewer) {
    public StreamFilter {
        regions = List.copyOf(regions);
        threats = Set.copyOf(threats);
        statuses = Set.copyOf(statuses);
    }

    /** An anonymous subscriber's filter. */
    public StreamFilter(List<String> regions, String pointRegion, Set<String> threats, Set<Status> statuses) {
        this(regions, pointRegion, threats, statuses, null);
    }

    /** The same filter for a subscriber that authenticated as {@code viewer}. */
    public StreamFilter seenBy(Actor viewer) {
        return new StreamFilter(regions, pointRegion, threats, statuses, viewer);
    }

    /**
     * Whether the subscriber gets this logged event: a public one when its alert matches; a review request when,
     * besides, the viewer is one of its reviewers; nothing else (approvals stay with the approvals API and audit).
     */
    public boolean wants(Event e, RegionTree tree) {
        EventType type = e.type();
        if (type.isPublic()) {
            return matches(e.alert(), tree);
        }
        return type == EventType.REVIEW_REQUESTED && viewer != null && SplitDetector.isReviewerOf(viewer, e, tree)
                && matches(e.alert(), tree);
    }

    public static StreamFilter everything() {
        return new StreamFilter(List.of(), null, Set.of(), Set.of(Status.ACTUAL));
    }

    public boolean everywhere() {
        return regions.isEmpty() && pointRegion == null;
    }

    public boolean matches(Alert a, RegionTree tree) {
        if (!statuses.contains(a.status())) {
            return false;
        }
        if (!threats.isEmpty() && !threats.contains(a.threat().wire())
                && !threats.contains(a.threat().wire(a.subtype()))) {
            return false;
        }
        if (everywhere()) {
            return true;
        }
        // Indexed loops, no iterators: this runs per candidate subscriber on the fan-out's hot path, where an
        // iterator the JIT fails to eliminate (it depends on what else ran) is an allocation per subscriber.
        List<String> alerted = a.regions();
        for (int i = 0, n = alerted.size(); i < n; i++) {
            String r = alerted.get(i);
            if (pointRegion != null && tree.isSelfOrAncestor(r, pointRegion)) {
                return true;
            }
            for (int j = 0, m = regions.size(); j < m; j++) {
                String mine = regions.get(j);
                if (tree.isSelfOrAncestor(r, mine) || tree.isSelfOrAncestor(mine, r)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Threat entries a filter accepts, for validating query input. */
    public static boolean validThreat(String entry) {
        String[] parts = entry.split(":", 2);
        try {
            Threat t = Threat.parse(parts[0]);
            if (parts.length == 2) {
                t.normalise(Threat.Subtype.parse(parts[1]));
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
