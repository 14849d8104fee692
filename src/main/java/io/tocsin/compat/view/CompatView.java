package io.tocsin.compat.view;

import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.domain.Alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What both compatibility APIs show as of one board seq: only actual alerts (exercises and tests never appear),
 * each location's alerts with inheritance from its ancestors, and its A/P/N air-raid status. Immutable; made by
 * {@link ViewBuilder} once per seq.
 *
 * @param seq             the board seq this view reflects
 * @param alerts          the active actual alerts, in issue order
 * @param declared        each alert once per location it was declared for, in issue order (a nationwide alert once
 *                        per oblast-level unit; a region no id reaches, such as a raion of Crimea, has no record)
 * @param applying        per location uid, the alerts that cover it (declared for it or an ancestor), nearest first
 * @param changedAt       when {@code alerts} last changed (the time the envelope reports)
 * @param changedSeq      the seq at which {@code alerts} last changed: ukrainealarm's {@code lastActionIndex}
 * @param locationChanged per location uid, when its alerts or status last changed
 */
public record CompatView(long seq, LocationTable table, List<Alert> alerts, List<Declared> declared,
                         Map<Integer, List<Applied>> applying, Map<Integer, Character> status, Instant changedAt,
                         long changedSeq, Map<Integer, Instant> locationChanged) {
    public static final char ALERT = 'A';
    public static final char PARTLY = 'P';
    public static final char NONE = 'N';

    public List<Applied> applying(Location l) {
        return applying.getOrDefault(l.uid(), List.of());
    }

    /** 'A' (an air raid covers the whole location), 'P' (only parts of it), or 'N'. */
    public char status(Location l) {
        return status.getOrDefault(l.uid(), NONE);
    }

    public Instant changedAt(Location l) {
        return locationChanged.getOrDefault(l.uid(), changedAt);
    }
}
