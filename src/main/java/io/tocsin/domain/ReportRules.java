package io.tocsin.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The rules for recording and correcting attack reports: operators and admins only, an operator only for regions in
 * its scope, a period of at most 48 hours that has begun, counts that make sense (no negatives, no more destroyed
 * than launched, children within the totals), regions that exist and a source that is an http(s) link.
 */
public final class ReportRules {
    static final Duration MAX_PERIOD = Duration.ofHours(48);

    private final RegionTree tree;

    public ReportRules(RegionTree tree) {
        this.tree = tree;
    }

    /** The report an operator asks to record (fresh id) or to correct (the existing one's id and recorded time). */
    public Event record(Actor actor, AttackReport asked, AttackReport existing, Instant now) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.OPERATOR) {
            throw new DomainException(Problem.FORBIDDEN, "only operators and admins record attack reports");
        }
        if (!asked.from().isBefore(asked.to())) {
            throw new DomainException(Problem.INVALID_FIELD, "period.from must be before period.to");
        }
        if (Duration.between(asked.from(), asked.to()).compareTo(MAX_PERIOD) > 0) {
            throw new DomainException(Problem.INVALID_FIELD, "a report's period may span at most 48 hours");
        }
        if (asked.from().isAfter(now)) {
            throw new DomainException(Problem.INVALID_FIELD, "the period has not begun");
        }
        for (Map.Entry<WeaponClass, AttackReport.Counts> e : asked.weapons().entrySet()) {
            AttackReport.Counts c = e.getValue();
            if (c.launched() < 0 || c.destroyed() != null && (c.destroyed() < 0 || c.destroyed() > c.launched())) {
                throw new DomainException(Problem.INVALID_FIELD, "weapons." + e.getKey().wire()
                        + ": launched and destroyed must be ≥ 0 and destroyed ≤ launched");
            }
        }
        if (asked.killed() < 0 || asked.injured() < 0 || asked.killedChildren() < 0 || asked.injuredChildren() < 0
                || asked.killedChildren() > asked.killed() || asked.injuredChildren() > asked.injured()
                || (asked.responders() != null && asked.responders() < 0)) {
            throw new DomainException(Problem.INVALID_FIELD, "casualties and responders must be ≥ 0, children "
                    + "within the totals");
        }
        String source = asked.source() == null ? "" : asked.source().trim();
        if (!(source.startsWith("https://") || source.startsWith("http://")) || source.length() > 2000) {
            throw new DomainException(Problem.INVALID_FIELD, "source must be an http(s) link to the public report");
        }
        if (asked.note() != null && asked.note().length() > 2000) {
            throw new DomainException(Problem.INVALID_FIELD, "note is longer than 2000 characters");
        }
        List<String> regions = new ArrayList<>(new LinkedHashSet<>(asked.regionsStruck().stream()
                .map(c -> tree.find(c).orElseThrow(() -> new DomainException(Problem.UNKNOWN_REGION, tree.unknown(c)))
                        .code()).toList()));
        if (actor.role() == Role.OPERATOR && !actor.covers(tree, regions)) {
            throw new DomainException(Problem.OUT_OF_SCOPE, "the token may report only regions in its scope");
        }
        if (existing != null && actor.role() == Role.OPERATOR && !actor.covers(tree, existing.regionsStruck())) {
            throw new DomainException(Problem.OUT_OF_SCOPE, "the report names regions outside the token's scope");
        }
        AttackReport r = new AttackReport(asked.id(), asked.from(), asked.to(), asked.weapons(), regions,
                asked.killed(), asked.killedChildren(), asked.injured(), asked.injuredChildren(), asked.responders(),
                source, asked.note(), existing == null ? actor.id() : existing.enteredBy(),
                existing == null ? now : existing.recordedAt(), now);
        return Event.report(existing == null ? EventType.REPORT_RECORDED : EventType.REPORT_CORRECTED, now,
                actor.id(), r);
    }
}
