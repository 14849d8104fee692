package io.tocsin.cap.mapping;

import io.tocsin.region.PointLocator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Region boundaries as CAP polygons: {@code "lat,lon lat,lon …"}, closed rings without holes (CAP has none): a
 * polygon with holes — Kyiv oblast around Kyiv city, a rural hromada around a town — is cut into hole-free pieces
 * that leave each hole out ({@link HoleFree}), so a consumer that geofences never warns the enclave. Simplified so
 * that a message stays small. Oblast boundaries have up to 9,800 vertices; a region gets at
 * most {@link #MAX_POINTS_PER_REGION}, and a message spends at most {@link #MAX_POINTS_PER_INFO} in one info, so a
 * region's budget shrinks as the alert names more regions. Below {@link #MIN_POINTS} a region is described by its
 * geocodes only. Results are cached per region and budget; thread-safe.
 */
public final class CapPolygons {
    public static final int MAX_POINTS_PER_REGION = 500;
    public static final int MAX_POINTS_PER_INFO = 20_000;
    public static final int MIN_POINTS = 32;
    /** At most this many polygons per region (largest first): enough for the islands of the Black Sea coast. */
    static final int MAX_POLYGONS = 12;

    private final PointLocator locator;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public CapPolygons(PointLocator locator) {
        this.locator = locator;
    }

    /** The point budget of each region when an alert names {@code regions} regions (0: geocodes only). */
    public static int budget(int regions) {
        int each = Math.min(MAX_POINTS_PER_REGION, MAX_POINTS_PER_INFO / Math.max(1, regions));
        return each < MIN_POINTS ? 0 : each;
    }

    /** The CAP polygons of a region within {@code budget} points in all; empty when it has no boundary. */
    public List<String> of(String code, int budget) {
        if (budget <= 0) {
            return List.of();
        }
        return cache.computeIfAbsent(code + "@" + budget,
                k -> locator.boundary(code).map(g -> rings(g, budget).rings()).orElse(List.of()));
    }

    /** The rings written, and the simplification tolerance (degrees) they were made with: no point moved further. */
    record Rings(List<String> rings, double tolerance) {
    }

    static Rings rings(Geometry boundary, int budget) {
        List<Polygon> parts = new ArrayList<>();
        for (int i = 0; i < boundary.getNumGeometries(); i++) {
            if (boundary.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                parts.add(p);
            }
        }
        parts.sort(Comparator.comparingDouble(Geometry::getArea).reversed());
        List<Polygon> kept = parts.subList(0, Math.min(MAX_POLYGONS, parts.size()));
        double tolerance = 0.0005;
        double used = 0;
        List<List<Polygon>> pieces = split(kept);
        while (points(pieces) > budget && tolerance < 1) {
            List<Polygon> next = new ArrayList<>(kept.size());
            for (Polygon p : kept) {
                // Simplified with its holes, then cut: the pieces of one polygon share their cut edges exactly.
                Geometry g = TopologyPreservingSimplifier.simplify(p, tolerance);
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    if (g.getGeometryN(i) instanceof Polygon sp && !sp.isEmpty()) {
                        next.add(sp);
                    }
                }
            }
            pieces = split(next);
            used = tolerance;
            tolerance *= 1.6;
        }
        List<String> out = new ArrayList<>();
        int spent = 0;
        for (List<Polygon> polygon : pieces) {
            int n = polygon.stream().mapToInt(Polygon::getNumPoints).sum();
            if (spent + n > budget && !out.isEmpty()) {
                break; // whole islands go, smallest first, when the budget is tight; never a piece of one
            }
            for (Polygon piece : polygon) {
                out.add(ring(piece.getExteriorRing().getCoordinates()));
            }
            spent += n;
        }
        return new Rings(List.copyOf(out), used);
    }

    /** Each polygon (largest first) as the hole-free pieces that cover exactly it. */
    private static List<List<Polygon>> split(List<Polygon> polygons) {
        List<List<Polygon>> out = new ArrayList<>(polygons.size());
        for (Polygon p : polygons) {
            out.add(HoleFree.pieces(p));
        }
        return out;
    }

    private static int points(List<List<Polygon>> pieces) {
        return pieces.stream().flatMap(List::stream).mapToInt(Polygon::getNumPoints).sum();
    }

    /** Coordinates (x = lon, y = lat) as a CAP polygon with 5 decimals (about a metre). */
    static String ring(Coordinate[] coordinates) {
        StringBuilder sb = new StringBuilder(coordinates.length * 18);
        for (Coordinate c : coordinates) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            decimal(sb, c.getY()).append(',');
            decimal(sb, c.getX());
        }
        return sb.toString();
    }

    private static StringBuilder decimal(StringBuilder sb, double v) {
        long scaled = Math.round(Math.abs(v) * 100_000);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / 100_000).append('.');
        String fraction = Long.toString(scaled % 100_000);
        sb.append("0".repeat(5 - fraction.length())).append(fraction);
        return sb;
    }
}
