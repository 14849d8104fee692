package io.tocsin.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current alert picture: a fold of the event log. One writer applies events in seq order; after each one it
 * publishes a new {@link BoardSnapshot} (active alerts, pending requests and the seq they reflect) with a single
 * volatile write, so a reader that takes {@link #snapshot()} once sees a list and a seq that belong together. It
 * also keeps every alert's latest version ({@link #find}), the region history projection ({@link #history}) and the
 * exposure projection ({@link #exposure}).
 */
public final class Board {
    private final Map<String, Alert> all = new ConcurrentHashMap<>();
    private final RegionTree regions;
    private final RegionHistory history;
    private final Exposure exposure;
    private final Reports reports = new Reports();
    private final ShelterTimes shelter;
    private volatile BoardSnapshot current;

    public Board(RegionTree regions) {
        this.regions = regions;
        this.history = new RegionHistory(regions);
        this.exposure = new Exposure(regions);
        this.shelter = new ShelterTimes(regions);
        this.current = BoardSnapshot.empty(regions);
    }

    /**
     * Folds one event. {@code approvalTtl} is how long a pending request lives; it is a policy, not part of the
     * event, so the caller passes it.
     */
    public void apply(LoggedEvent logged, Duration approvalTtl) {
        Event e = logged.event();
        Alert a = e.alert();
        BoardSnapshot s = current;
        current = switch (e.type()) {
            case APPROVAL_REQUESTED -> s.withPending(logged.seq(),
                    new Pending(a, e.actor(), e.at(), e.at().plus(approvalTtl)));
            case APPROVAL_GRANTED, APPROVAL_EXPIRED -> s.withoutPending(logged.seq(), a.id());
            case ISSUED, UPDATED, ENDED -> {
                // The latest version and the history first: whoever sees the new snapshot finds them too.
                all.put(a.id(), a);
                history.fold(a, e.at());
                exposure.fold(a, e.at());
                yield s.withAlert(logged.seq(), a);
            }
            // An alert of the past: statistics only; never active, never in the history of alerts or the board.
            case SHELTER_SET -> {
                shelter.fold(e.shelter());
                yield s.atSeq(logged.seq());
            }
            case REPORT_RECORDED, REPORT_CORRECTED -> {
                reports.fold(e.report());
                yield s.atSeq(logged.seq());
            }
            case HISTORY_IMPORTED -> {
                exposure.foldImported(a);
                yield s.atSeq(logged.seq());
            }
            // Events that change no alert (a review request) still move the seq: the board's seq is the log's head.
            default -> s.atSeq(logged.seq());
        };
    }

    public void apply(LoggedEvent logged) {
        apply(logged, ApprovalPolicy.DEFAULT.ttl());
    }

    /** Every region's merged time under alert, live and imported: the source of statistics and exports. */
    public Exposure exposure() {
        return exposure;
    }

    public RegionTree regions() {
        return regions;
    }

    /** Time to shelter per region, as admins set it. */
    public ShelterTimes shelter() {
        return shelter;
    }

    /** The attack reports, latest version of each. */
    public Reports reports() {
        return reports;
    }

    /** The board as of its last fold: take it once per read and answer everything from it. */
    public BoardSnapshot snapshot() {
        return current;
    }

    public Optional<Pending> pending(String id) {
        return current.pending(id);
    }

    public List<Pending> pending() {
        return current.pending();
    }

    public long lastSeq() {
        return current.seq();
    }

    /** The latest version of any alert, active or ended. */
    public Optional<Alert> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(all.get(id));
    }

    public List<Alert> active() {
        return current.active();
    }

    /** Active alerts that cover the whole region: declared for it or for one of its ancestors. */
    public List<Alert> covering(String code) {
        return current.covering(code);
    }

    /** Active alerts declared for a part of the region only (a raion or hromada below it). */
    public List<Alert> withinParts(String code) {
        return current.withinParts(code);
    }

    /**
     * Every span during [from, to) in which an alert covered the region, an ancestor or a part of it, from the
     * region history projection: an alert moved away from the region shows for the time it was there.
     */
    public List<Coverage> history(String code, Instant from, Instant to) {
        return history.history(code, from, to);
    }
}
