package io.tocsin.http;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Threat;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.stream.StreamFilter;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * The query of a stream subscription, shared by every transport: {@code regions}, {@code threats},
 * {@code lat}/{@code lon}, {@code status}, and where to resume ({@code after} or the Last-Event-ID header).
 */
record StreamRequest(StreamFilter filter, long afterSeq) {

    /** The filter of the list-style endpoints (active alerts, the Atom feed): {@code region}, {@code threat}, {@code status}. */
    static StreamFilter listFilter(RoutingContext ctx, RegionTree tree) {
        List<String> regions = Queries.list(ctx, "region").stream().map(c -> tree.require(c).code()).toList();
        return new StreamFilter(regions, null, threats(ctx, "threat"), Queries.statuses(ctx));
    }

    /**
     * Threat entries from a query parameter, each checked: a threat ({@code air_raid}), a threat with its subtype
     * ({@code air_raid:drones}), or a bare air-raid subtype ({@code ballistic_missile}, read as
     * {@code air_raid:ballistic_missile}: only air raids have subtypes).
     */
    static Set<String> threats(RoutingContext ctx, String name) {
        List<String> threats = new java.util.ArrayList<>();
        for (String t : Queries.list(ctx, name)) {
            String entry = t.trim().toLowerCase(java.util.Locale.ROOT);
            if (!StreamFilter.validThreat(entry) && StreamFilter.validThreat(Threat.AIR_RAID.wire() + ":" + entry)) {
                entry = Threat.AIR_RAID.wire() + ":" + entry;
            }
            if (!StreamFilter.validThreat(entry)) {
                throw new DomainException(Problem.UNKNOWN_THREAT, "unknown threat '" + t + "': use a threat (air_raid,"
                        + " artillery, urban_fights, chemical, nuclear, info), threat:subtype (air_raid:drones) or an"
                        + " air-raid subtype (drones, cruise_missile, ballistic_missile, aviation, unspecified)");
            }
            threats.add(entry);
        }
        return Set.copyOf(threats);
    }

    static StreamRequest parse(RoutingContext ctx, RegionTree tree, PointLocator locator) {
        List<String> regions = Queries.list(ctx, "regions").stream().map(c -> tree.require(c).code()).toList();
        Set<String> threats = threats(ctx, "threats");
        Double lat = Queries.coordinate(ctx, "lat", 90);
        Double lon = Queries.coordinate(ctx, "lon", 180);
        String point = null;
        if (lat != null || lon != null) {
            if (lat == null || lon == null) {
                throw new DomainException(Problem.INVALID_QUERY, "give both lat and lon");
            }
            List<Region> chain = locator.locate(lat, lon);
            if (chain.isEmpty()) {
                throw new DomainException(Problem.INVALID_QUERY, "the point is not inside Ukraine");
            }
            point = chain.get(0).code();
        }
        long after = Queries.longParam(ctx, "after", -1, 0, Long.MAX_VALUE);
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new DomainException(Problem.INVALID_QUERY, "Last-Event-ID must be a seq number");
            }
        }
        return new StreamRequest(new StreamFilter(regions, point, threats, Queries.statuses(ctx)), after);
    }
}
