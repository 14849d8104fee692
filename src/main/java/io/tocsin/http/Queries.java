package io.tocsin.http;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Status;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Query-string parsing with errors that name the parameter. */
final class Queries {
    private Queries() {
    }

    static List<String> list(RoutingContext ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String v : ctx.queryParam(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    static String one(RoutingContext ctx, String name) {
        List<String> v = ctx.queryParam(name);
        return v.isEmpty() ? null : v.get(0);
    }

    static long longParam(RoutingContext ctx, String name, long dflt, long min, long max) {
        String v = one(ctx, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new DomainException(Problem.INVALID_QUERY, name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DomainException(Problem.INVALID_QUERY, name + " must be an integer");
        }
    }

    static Double coordinate(RoutingContext ctx, String name, double limit) {
        String v = one(ctx, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(Math.abs(d) <= limit)) {
                throw new DomainException(Problem.INVALID_QUERY, name + " must be within ±" + limit);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new DomainException(Problem.INVALID_QUERY, name + " must be a number");
        }
    }

    static Instant instant(RoutingContext ctx, String name, Instant dflt) {
        String v = one(ctx, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new DomainException(Problem.INVALID_QUERY, name + " must be an ISO-8601 UTC time like 2022-10-10T00:00:00Z");
        }
    }

    /** The statuses asked for: actual by default, so exercises and tests never show unless requested. */
    static Set<Status> statuses(RoutingContext ctx) {
        List<String> asked = list(ctx, "status");
        if (asked.isEmpty()) {
            return EnumSet.of(Status.ACTUAL);
        }
        if (asked.contains("all")) {
            return EnumSet.allOf(Status.class);
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (String s : asked) {
            try {
                out.add(Status.parse(s));
            } catch (DomainException e) {
                throw new DomainException(Problem.INVALID_QUERY, e.getMessage());
            }
        }
        return out;
    }
}
