package io.tocsin.region;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * A boundary as an SVG path's {@code d}, projected ({@link MapProjection}) and simplified for the screen: what the
 * browser needs to draw a region, and nothing a JavaScript library would have to compute.
 *
 * <p>Coordinates are rounded to a grid ({@code 1 / precision} map units) and written relatively ({@code l dx dy}),
 * so most vertices cost a few characters; rings are closed with {@code z}. Holes (Kyiv inside Kyiv oblast) are
 * rings of the same path: drawn with {@code fill-rule: evenodd}. Simplification preserves topology per shape
 * (no ring crosses itself or its holes), in degrees converted from the tolerance in map units.
 */
final class SvgPath {
    private SvgPath() {
    }

    /**
     * @param tolerance the largest distance a vertex may move, in map units (the country is 1,000 wide)
     * @param precision grid cells per map unit the vertices are rounded to: 1 (whole units) or 10 (tenths)
     */
    static String of(Geometry geometry, double tolerance, int precision) {
        Geometry simple = TopologyPreservingSimplifier.simplify(geometry,
                tolerance / MapProjection.unitsPerDegree());
        StringBuilder d = new StringBuilder(4096);
        for (int i = 0; i < simple.getNumGeometries(); i++) {
            if (simple.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                ring(d, p.getExteriorRing(), precision);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    ring(d, p.getInteriorRingN(h), precision);
                }
            }
        }
        return d.toString();
    }

    private static void ring(StringBuilder d, LineString ring, int precision) {
        Coordinate[] cs = ring.getCoordinates();
        if (cs.length < 4) {
            return; // a ring that collapsed to a line at this scale draws nothing
        }
        long px = Math.round(MapProjection.x(cs[0].x) * precision);
        long py = Math.round(MapProjection.y(cs[0].y) * precision);
        d.append('M').append(num(px, precision)).append(sep(py)).append(num(py, precision));
        StringBuilder rel = new StringBuilder();
        int points = 0;
        // The last coordinate repeats the first: "z" closes the ring instead.
        for (int i = 1; i < cs.length - 1; i++) {
            long x = Math.round(MapProjection.x(cs[i].x) * precision);
            long y = Math.round(MapProjection.y(cs[i].y) * precision);
            if (x == px && y == py) {
                continue; // two vertices on one grid point: the second adds nothing
            }
            rel.append(sep(x - px)).append(num(x - px, precision)).append(sep(y - py)).append(num(y - py, precision));
            px = x;
            py = y;
            points++;
        }
        if (points < 2) {
            d.setLength(d.lastIndexOf("M"));
            return;
        }
        // The first relative pair follows "l" without a separator.
        String r = rel.toString();
        d.append('l').append(r.startsWith(" ") ? r.substring(1) : r).append('z');
    }

    /** A space before a number unless its minus sign separates it already. */
    private static String sep(long v) {
        return v < 0 ? "" : " ";
    }

    private static String num(long v, int precision) {
        if (precision == 1) {
            return Long.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.1f", v / 10.0);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.startsWith("0.")) {
            s = s.substring(1);
        } else if (s.startsWith("-0.")) {
            s = "-" + s.substring(2);
        }
        return s;
    }
}
