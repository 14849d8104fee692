package io.tocsin.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules: turns a command, checked against the board and the actor's rights, into the event to append.
 * Pure: the caller supplies the time and the new alert id, so the same inputs always give the same event.
 */
public final class Decider {
    private final RegionTree regions;
    private final ApprovalPolicy policy;
    private final SplitDetector splits;

    public Decider(RegionTree regions) {
        this(regions, ApprovalPolicy.DEFAULT);
    }

    public Decider(RegionTree regions, ApprovalPolicy policy) {
        this.regions = Objects.requireNonNull(regions);
        this.policy = Objects.requireNonNull(policy);
        this.splits = new SplitDetector(regions, policy.wideOblasts());
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    public SplitDetector splits() {
        return splits;
    }

    /**
     * The decided events, followed by a {@code review.requested} when they make an issuer's active actual alerts
     * come to cover the two-person bound in pieces ({@link SplitDetector}); {@code footprints} is the fold of
     * everything before them. All go to the log together; no alert is ever held for it. An alert released by an
     * approval that reaches the bound on its own has just had its second look and asks for none; a smaller one (a
     * chemical alert for one oblast) may still complete a split with its operator's other pieces.
     */
    public List<Event> withReview(Footprints footprints, List<Event> decided) {
        boolean approved = decided.stream().anyMatch(e -> e.type() == EventType.APPROVAL_GRANTED);
        for (Event e : decided) {
            if (approved && SplitDetector.oblastUnits(regions, e.alert()).size() >= policy.wideOblasts()) {
                continue;
            }
            Optional<Event> review = splits.reviewFor(footprints, e);
            if (review.isPresent()) {
                List<Event> out = new ArrayList<>(decided);
                out.add(review.get());
                return List.copyOf(out);
            }
        }
        return decided;
    }

    public Event issue(Board board, Actor actor, IssueAlert cmd, Instant now, String newId) {
        requireWriter(actor);
        List<String> codes = normaliseRegions(cmd.regions());
        requireScope(actor, codes);
        if (cmd.threat() == null) {
            throw new DomainException(Problem.UNKNOWN_THREAT, "threat is required");
        }
        if (cmd.stage() == null || cmd.status() == null) {
            throw new DomainException(Problem.INVALID_FIELD, "stage and status are required");
        }
        Threat.Subtype subtype = cmd.threat().normalise(cmd.subtype());
        requireFuture(cmd.expiresAt(), now);
        Alert alert = new Alert(newId, codes, cmd.threat(), subtype, cmd.stage(), cmd.status(),
                StandardTexts.fill(cmd.texts(), cmd.threat(), subtype, cmd.stage()), actor.id(), now, now,
                cmd.expiresAt(), null, null, board.shelter().forRegions(codes));
        return new Event(needsApproval(alert) ? EventType.APPROVAL_REQUESTED : EventType.ISSUED, now, actor.id(), alert);
    }

    /**
     * A second operator approves a held request: the grant and the release — the issue of a held new alert, or the
     * held update of an active one — to be appended together (see {@link #withReview} for a split it completes).
     */
    public List<Event> approve(Board board, Actor actor, String pendingId, Instant now) {
        requireWriter(actor);
        Pending p = board.pending(pendingId).filter(x -> x.expiresAt().isAfter(now))
                .orElseThrow(() -> new DomainException(Problem.APPROVAL_NOT_FOUND,
                        "no pending approval " + pendingId + " (it may have expired or been decided)"));
        if (p.requestedBy().equals(actor.id())) {
            throw new DomainException(Problem.SELF_APPROVAL, "a second operator must approve this request");
        }
        requireScope(actor, p.alert().regions());
        Alert proposed = p.alert();
        Event released = board.find(proposed.id()).isPresent()
                ? releaseUpdate(board, actor, proposed, now) : releaseIssue(actor, proposed, now);
        return List.of(new Event(EventType.APPROVAL_GRANTED, now, actor.id(), proposed), released);
    }

    private static Event releaseIssue(Actor approver, Alert proposed, Instant now) {
        Alert issued = new Alert(proposed.id(), proposed.regions(), proposed.threat(), proposed.subtype(),
                proposed.stage(), proposed.status(), proposed.texts(), proposed.issuedBy(), now, now,
                proposed.expiresAt(), null, null, proposed.shelterSeconds());
        return new Event(EventType.ISSUED, now, approver.id(), issued);
    }

    /**
     * A held update carries, as its {@code updatedAt}, the version of the alert it was made from: it is released
     * only onto that version, so approving it never silently undoes a change made since.
     */
    private Event releaseUpdate(Board board, Actor approver, Alert proposed, Instant now) {
        Alert current = requireActive(board, proposed.id());
        requireScope(approver, current.regions());
        if (!current.updatedAt().equals(proposed.updatedAt())) {
            throw new DomainException(Problem.INVALID_TRANSITION, "alert " + proposed.id()
                    + " has changed since this update was requested; request the update again");
        }
        return new Event(EventType.UPDATED, now, approver.id(), withUpdatedAt(proposed, now));
    }

    /** Actual alerts that are nationwide in scale or chemical/nuclear need a second operator. */
    public boolean needsApproval(Alert a) {
        if (a.status() != Status.ACTUAL) {
            return false;
        }
        return policy.alwaysTwoPerson().contains(a.threat())
                || SplitDetector.oblastUnits(regions, a).size() >= policy.wideOblasts();
    }

    /**
     * Whether an update from {@code old} to {@code next} stays inside what was approved: the same threat on no more
     * than the old area. Such an update (new texts, a subtype, a stage, an expiry, a narrower area) is no new
     * decision, so it is not held: an approved nationwide alert can be kept current at once.
     */
    private boolean withinApproved(Alert old, Alert next) {
        if (!needsApproval(old) || old.threat() != next.threat()) {
            return false;
        }
        return next.regions().stream()
                .allMatch(r -> old.regions().stream().anyMatch(o -> regions.isSelfOrAncestor(o, r)));
    }

    private static Alert withUpdatedAt(Alert a, Instant at) {
        return new Alert(a.id(), a.regions(), a.threat(), a.subtype(), a.stage(), a.status(), a.texts(), a.issuedBy(),
                a.issuedAt(), at, a.expiresAt(), a.endedAt(), a.endReason(), a.shelterSeconds());
    }

    public Event update(Board board, Actor actor, UpdateAlert cmd, Instant now) {
        requireWriter(actor);
        Alert old = requireActive(board, cmd.alertId());
        requireScope(actor, old.regions());
        List<String> codes = cmd.regions() == null ? old.regions() : normaliseRegions(cmd.regions());
        requireScope(actor, codes);
        Threat threat = cmd.threat() == null ? old.threat() : cmd.threat();
        Threat.Subtype subtype = cmd.threat() == null && cmd.subtype() == null
                ? old.subtype() : threat.normalise(cmd.subtype());
        Instant expires = cmd.clearExpiry() ? null : cmd.expiresAt() == null ? old.expiresAt() : cmd.expiresAt();
        if (cmd.expiresAt() != null) {
            requireFuture(cmd.expiresAt(), now);
        }
        Stage stage = cmd.stage() == null ? old.stage() : cmd.stage();
        // The texts the update names replace the old ones (a merge patch); texts left at the standard wording, or
        // cleared, follow the alert's new threat, subtype and stage.
        Texts named = cmd.texts() == null ? old.texts() : cmd.texts().over(old.texts());
        Texts texts = StandardTexts.follow(named, old, threat, subtype, stage);
        Alert next = new Alert(old.id(), codes, threat, subtype, stage, old.status(), texts, old.issuedBy(),
                old.issuedAt(), now, expires, null, null, board.shelter().forRegions(codes));
        if (needsApproval(next) && !withinApproved(old, next)) {
            // Judged by the result, like an issue: an update that makes the alert need a second operator (wider
            // than approved, or a new threat that needs one) is held. Until approved the alert stays as it is;
            // the request carries the version it was made from (see releaseUpdate).
            return new Event(EventType.APPROVAL_REQUESTED, now, actor.id(), withUpdatedAt(next, old.updatedAt()));
        }
        return new Event(EventType.UPDATED, now, actor.id(), next);
    }

    public Event end(Board board, Actor actor, EndAlert cmd, Instant now) {
        requireWriter(actor);
        Alert old = requireActive(board, cmd.alertId());
        requireScope(actor, old.regions());
        EndReason reason = cmd.reason() == null ? EndReason.ALL_CLEAR : cmd.reason();
        if (reason == EndReason.EXPIRED) {
            throw new DomainException(Problem.INVALID_FIELD, "expired is set by the system; use all_clear or false_alarm");
        }
        return new Event(EventType.ENDED, now, actor.id(), old.ended(now, reason));
    }

    /** The end events for every active alert whose expiry time has come, and the expiry of stale approvals. */
    public List<Event> expire(Board board, Instant now) {
        List<Event> out = new ArrayList<>();
        for (Pending p : board.pending()) {
            if (!p.expiresAt().isAfter(now)) {
                out.add(new Event(EventType.APPROVAL_EXPIRED, now, Event.SYSTEM_ACTOR, p.alert()));
            }
        }
        for (Alert a : board.active()) {
            if (a.expiresAt() != null && !a.expiresAt().isAfter(now)) {
                out.add(new Event(EventType.ENDED, now, Event.SYSTEM_ACTOR, a.ended(now, EndReason.EXPIRED)));
            }
        }
        return out;
    }

    /**
     * Restatements of the active alerts whose latest published version is half its horizon old: an exported version
     * tells consumers it holds until {@code horizon} after it (or the alert's own expiry, when earlier), so before
     * that lapses the server states the unchanged alert again (an {@code alert.updated} by the system), and a
     * consumer never drops an alert that is still on. An alert whose expiry falls within its latest version's
     * horizon needs none, and one with a held update waits until that is decided (a restatement would move the
     * version the held update must be released onto). At most {@code max}, oldest first.
     */
    public List<Event> renew(Board board, java.time.Duration horizon, Instant now, int max) {
        List<Event> out = new ArrayList<>();
        java.time.Duration half = horizon.dividedBy(2);
        for (Alert a : board.active()) {
            if (out.size() >= max) {
                break;
            }
            boolean due = !a.updatedAt().plus(half).isAfter(now);
            boolean outlivesHorizon = a.expiresAt() == null || a.expiresAt().isAfter(a.updatedAt().plus(horizon));
            if (due && outlivesHorizon && board.pending(a.id()).isEmpty()) {
                out.add(new Event(EventType.UPDATED, now, Event.SYSTEM_ACTOR, withUpdatedAt(a, now)));
            }
        }
        return out;
    }

    private List<String> normaliseRegions(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new DomainException(Problem.INVALID_FIELD, "regions must name at least one region");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String code : requested) {
            Region r = regions.require(code);
            if (r.kind() == RegionKind.COUNTRY) {
                // A nationwide alert is declared as all oblast-level units, so scope and approval rules see it.
                regions.ofKind(RegionKind.OBLAST).forEach(o -> codes.add(o.code()));
            } else {
                codes.add(r.code());
            }
        }
        if (codes.size() > 2000) {
            throw new DomainException(Problem.INVALID_FIELD, "too many regions in one alert");
        }
        return List.copyOf(codes);
    }

    private void requireScope(Actor actor, List<String> codes) {
        if (!actor.covers(regions, codes)) {
            throw new DomainException(Problem.OUT_OF_SCOPE,
                    "token '" + actor.name() + "' may act only inside " + String.join(", ", actor.scope()));
        }
    }

    private static void requireWriter(Actor actor) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.OPERATOR) {
            throw new DomainException(Problem.FORBIDDEN, "role " + actor.role().wire() + " cannot write alerts");
        }
    }

    private static Alert requireActive(Board board, String id) {
        Alert a = board.find(id).orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + id));
        if (!a.active()) {
            throw new DomainException(Problem.INVALID_TRANSITION, "alert " + id + " has already ended");
        }
        return a;
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new DomainException(Problem.INVALID_FIELD, "expires_at must be in the future");
        }
    }
}
