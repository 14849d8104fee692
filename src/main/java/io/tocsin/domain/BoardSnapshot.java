package io.tocsin.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The board as of one seq: the active alerts, the pending two-person requests and the seq they reflect, together and
 * never changing. The board publishes a new one after every fold; a read takes one and answers everything from it,
 * so a list and the seq a client resumes from always agree (a seq ahead of its list would make a client skip the
 * events in between).
 */
public final class BoardSnapshot {
    static final Comparator<Alert> BY_ISSUE = Comparator.comparing(Alert::issuedAt).thenComparing(Alert::id);

    private final RegionTree regions;
    private final long seq;
    private final PersistentMap<String, Alert> activeById;
    private final PersistentMap<Alert, Alert> activeByIssue;
    private final PersistentMap<String, Pending> pending;
    /** {@link #active()} made once, on first use: 10,000 readers of one snapshot share one list. */
    private volatile List<Alert> activeList;

    private BoardSnapshot(RegionTree regions, long seq, PersistentMap<String, Alert> activeById,
                          PersistentMap<Alert, Alert> activeByIssue, PersistentMap<String, Pending> pending) {
        this.regions = regions;
        this.seq = seq;
        this.activeById = activeById;
        this.activeByIssue = activeByIssue;
        this.pending = pending;
    }

    static BoardSnapshot empty(RegionTree regions) {
        return new BoardSnapshot(regions, 0, PersistentMap.empty(Comparator.naturalOrder()),
                PersistentMap.empty(BY_ISSUE), PersistentMap.empty(Comparator.naturalOrder()));
    }

    /** The seq of the last event folded into this snapshot (0 before the first). */
    public long seq() {
        return seq;
    }

    /** Active alerts in issue order. */
    public List<Alert> active() {
        List<Alert> list = activeList;
        if (list == null) {
            list = activeByIssue.values();
            activeList = list;
        }
        return list;
    }

    public int activeCount() {
        return activeById.size();
    }

    /** The active alert with this id, if any (ended alerts are not in a snapshot: see {@link Board#find}). */
    public Optional<Alert> active(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(activeById.get(id));
    }

    public Optional<Pending> pending(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(pending.get(id));
    }

    /** How many two-person requests are pending (without making their list). */
    public int pendingCount() {
        return pending.size();
    }

    /** Pending requests, oldest first. */
    public List<Pending> pending() {
        return pending.values().stream().sorted(Comparator.comparing(Pending::requestedAt)).toList();
    }

    /** Active alerts that cover the whole region: declared for it or for one of its ancestors. */
    public List<Alert> covering(String code) {
        return active().stream()
                .filter(a -> a.regions().stream().anyMatch(r -> regions.isSelfOrAncestor(r, code)))
                .toList();
    }

    /** Active alerts declared for a part of the region only (a raion or hromada below it). */
    public List<Alert> withinParts(String code) {
        String self = regions.require(code).code();
        return active().stream()
                .filter(a -> a.regions().stream().anyMatch(r -> !r.equals(self) && regions.isSelfOrAncestor(self, r)))
                .filter(a -> a.regions().stream().noneMatch(r -> regions.isSelfOrAncestor(r, self)))
                .toList();
    }

    BoardSnapshot withAlert(long nextSeq, Alert a) {
        Alert old = activeById.get(a.id());
        PersistentMap<Alert, Alert> byIssue = old == null ? activeByIssue : activeByIssue.remove(old);
        if (a.active()) {
            return new BoardSnapshot(regions, nextSeq, activeById.put(a.id(), a), byIssue.put(a, a), pending);
        }
        return new BoardSnapshot(regions, nextSeq, activeById.remove(a.id()), byIssue, pending);
    }

    BoardSnapshot atSeq(long nextSeq) {
        return new BoardSnapshot(regions, nextSeq, activeById, activeByIssue, pending);
    }

    BoardSnapshot withPending(long nextSeq, Pending p) {
        return new BoardSnapshot(regions, nextSeq, activeById, activeByIssue, pending.put(p.alert().id(), p));
    }

    BoardSnapshot withoutPending(long nextSeq, String id) {
        return new BoardSnapshot(regions, nextSeq, activeById, activeByIssue, pending.remove(id));
    }
}
