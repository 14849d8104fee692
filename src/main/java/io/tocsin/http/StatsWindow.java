package io.tocsin.http;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.Exposure;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Threat;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The window and threat of a statistics or export query. {@code from}/{@code to} are ISO-8601 instants or Kyiv
 * calendar days ({@code 2023-03-26} means its local midnight, so a day is 23 or 25 hours on DST change days);
 * from defaults to the start of the full-scale invasion, to to now. {@code threat} is a threat's wire name, or
 * absent for all threats.
 */
record StatsWindow(Instant from, Instant to, String threat) {
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    /** 24 February 2022, 00:00 in Kyiv: before the first alert of every dataset Tocsin ships. */
    static final Instant DEFAULT_FROM = LocalDate.of(2022, 2, 24).atStartOfDay(KYIV).toInstant();

    static StatsWindow of(RoutingContext ctx, Instant now) {
        Instant to = time(ctx, "to", now);
        Instant from = time(ctx, "from", DEFAULT_FROM);
        if (!from.isBefore(to)) {
            throw new DomainException(Problem.INVALID_QUERY, "from must be before to");
        }
        String t = Queries.one(ctx, "threat");
        String threat = Exposure.ALL;
        if (t != null && !t.isBlank()) {
            try {
                threat = Threat.parse(t.trim()).wire();
            } catch (DomainException e) {
                throw new DomainException(Problem.INVALID_QUERY, e.getMessage());
            }
        }
        return new StatsWindow(from, to, threat);
    }

    private static Instant time(RoutingContext ctx, String name, Instant dflt) {
        String v = Queries.one(ctx, name);
        if (v != null && v.trim().length() == 10) {
            try {
                return LocalDate.parse(v.trim()).atStartOfDay(KYIV).toInstant();
            } catch (DateTimeParseException e) {
                throw new DomainException(Problem.INVALID_QUERY, name + " must be a day like 2023-03-26 (Kyiv) or "
                        + "an ISO-8601 UTC time like 2023-03-26T00:00:00Z");
            }
        }
        return Queries.instant(ctx, name, dflt);
    }
}
