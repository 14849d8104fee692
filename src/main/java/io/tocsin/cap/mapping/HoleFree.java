package io.tocsin.cap.mapping;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Cuts a polygon with holes into polygons without holes that cover exactly the same points: CAP polygons are single
 * rings, and a ring drawn around a hole covers the hole. Each cut is a vertical line through a point inside a hole,
 * which opens that hole to the outside on both sides; pieces that still hold holes are cut again. The pieces meet
 * along the cut lines (they touch, never overlap), which Google's profile allows.
 */
final class HoleFree {
    /** Enough for any region shipped (the most holes in one polygon is a few dozen); a safeguard, not a budget. */
    private static final int MAX_DEPTH = 64;

    private HoleFree() {
    }

    static List<Polygon> pieces(Polygon p) {
        List<Polygon> out = new ArrayList<>();
        cut(p, out, 0);
        return out;
    }

    private static void cut(Polygon p, List<Polygon> out, int depth) {
        if (p.getNumInteriorRing() == 0 || depth >= MAX_DEPTH) {
            out.add(p.getNumInteriorRing() == 0 ? p : p.getFactory().createPolygon(p.getExteriorRing()));
            return;
        }
        GeometryFactory f = p.getFactory();
        Polygon hole = f.createPolygon(p.getInteriorRingN(0).getCoordinates());
        double x = hole.getInteriorPoint().getX();
        Envelope e = p.getEnvelopeInternal();
        double pad = 1;
        Geometry left = p.intersection(box(f, e.getMinX() - pad, e.getMinY() - pad, x, e.getMaxY() + pad));
        Geometry right = p.intersection(box(f, x, e.getMinY() - pad, e.getMaxX() + pad, e.getMaxY() + pad));
        for (Geometry half : List.of(left, right)) {
            for (int i = 0; i < half.getNumGeometries(); i++) {
                if (half.getGeometryN(i) instanceof Polygon piece && !piece.isEmpty() && piece.getArea() > 0) {
                    cut(piece, out, depth + 1);
                }
            }
        }
    }

    private static Polygon box(GeometryFactory f, double x0, double y0, double x1, double y1) {
        return f.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
                new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }
}
