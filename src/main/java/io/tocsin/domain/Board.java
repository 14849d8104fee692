package io.tocsin.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current alert picture: a fold of the event log. One writer applies events in seq order; readers on other
 * threads see each alert's latest immutable snapshot. It also keeps every ended alert's final snapshot, which
 * is what region history is answered from.
 */
public final class Board {
    private static final Comparator<Alert> BY_ISSUE = Comparator.comparing(Alert::issuedAt).thenComparing(Alert::id);

    private final RegionTree regions;
    private final Map<String, Alert> all = new ConcurrentHashMap<>();
    private final Map<String, Alert> active = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile long lastSeq;

    public Board(RegionTree regions) {
        this.regions = regions;
    }

    /**
     * Folds one event. {@code approvalTtl} is how long a pending request lives; it is a policy, not part of the
     * event, so the caller passes it.
     */
    public void apply(LoggedEvent logged, java.time.Duration approvalTtl) {
        Event e = logged.event();
        Alert a = e.alert();
        switch (e.type()) {
            case APPROVAL_REQUESTED -> pending.put(a.id(), new Pending(a, e.actor(), e.at(), e.at().plus(approvalTtl)));
            case APPROVAL_GRANTED, APPROVAL_EXPIRED -> pending.remove(a.id());
            case ISSUED, UPDATED, ENDED -> {
                all.put(a.id(), a);
                if (a.active()) {
                    active.put(a.id(), a);
                } else {
                    active.remove(a.id());
                }
            }
        }
        lastSeq = logged.seq();
    }

    public void apply(LoggedEvent logged) {
        apply(logged, ApprovalPolicy.DEFAULT.ttl());
    }

    public Optional<Pending> pending(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(pending.get(id));
    }

    public List<Pending> pending() {
        return pending.values().stream().sorted(Comparator.comparing(Pending::requestedAt)).toList();
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Optional<Alert> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(all.get(id));
    }

    public List<Alert> active() {
        return active.values().stream().sorted(BY_ISSUE).toList();
    }

    /** Active alerts that cover the whole region: declared for it or for one of its ancestors. */
    public List<Alert> covering(String code) {
        return active.values().stream()
                .filter(a -> a.regions().stream().anyMatch(r -> regions.isSelfOrAncestor(r, code)))
                .sorted(BY_ISSUE).toList();
    }

    /** Active alerts declared for a part of the region only (a raion or hromada below it). */
    public List<Alert> withinParts(String code) {
        String self = regions.require(code).code();
        return active.values().stream()
                .filter(a -> a.regions().stream().anyMatch(r -> !r.equals(self) && regions.isSelfOrAncestor(self, r)))
                .filter(a -> a.regions().stream().noneMatch(r -> regions.isSelfOrAncestor(r, self)))
                .sorted(BY_ISSUE).toList();
    }

    /** Every alert that touched the region (it, an ancestor or a part of it) and overlapped [from, to). */
    public List<Alert> history(String code, Instant from, Instant to) {
        String self = regions.require(code).code();
        return all.values().stream()
                .filter(a -> a.issuedAt().isBefore(to) && (a.endedAt() == null || !a.endedAt().isBefore(from)))
                .filter(a -> a.regions().stream()
                        .anyMatch(r -> regions.isSelfOrAncestor(r, self) || regions.isSelfOrAncestor(self, r)))
                .sorted(BY_ISSUE).toList();
    }
}
