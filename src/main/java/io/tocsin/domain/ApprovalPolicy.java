package io.tocsin.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an actual alert needs a second operator (learnt from the 2018 Hawaii false alarm): when it covers at least
 * {@code wideOblasts} oblast-level units — the scale of a nationwide alert — or its threat is one of
 * {@code alwaysTwoPerson}. Regional alerts, the everyday case, are never delayed.
 */
public record ApprovalPolicy(int wideOblasts, Set<Threat> alwaysTwoPerson, Duration ttl) {
    public static final ApprovalPolicy DEFAULT =
            new ApprovalPolicy(10, EnumSet.of(Threat.CHEMICAL, Threat.NUCLEAR), Duration.ofMinutes(5));

    public ApprovalPolicy {
        if (wideOblasts < 2) {
            throw new IllegalArgumentException("the wide-area bound must be at least 2 oblast-level units");
        }
        alwaysTwoPerson = Set.copyOf(alwaysTwoPerson);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the approval time-to-live must be positive");
        }
    }
}
