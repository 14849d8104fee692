package io.tocsin.region;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The shapes of the public map, projected and simplified on the server so the page needs no geometry library:
 * the 27 oblast-level units for the country (whole map units, 0.6 unit tolerance: under a pixel on a phone), and
 * per oblast its raions and hromadas at ten times that detail, for an alert declared on them or an opened oblast.
 *
 * <p>Each shape carries a point well inside it (the centre of its largest inscribed circle, where a marker fits)
 * and its box, both in map units. Regions without a shipped boundary (Crimea's hromadas and three others) are
 * listed without a path, so the page still knows their names and parents.
 */
public final class MapShapes {
    /** One region as the map draws it; {@code path} is null when no boundary is shipped. */
    public record Shape(Region region, String path, double[] centre, double[] box) {
    }

    /** Map units a vertex may move on the country map: about 0.5 km, under a pixel at any screen width. */
    static final double COUNTRY_TOLERANCE = 0.6;
    /** An oblast opened fills the screen (about 8× the country map's scale): ten times the detail. */
    static final double DETAIL_TOLERANCE = 0.06;

    private final RegionTree tree;
    private final PointLocator locator;

    public MapShapes(RegionTree tree, PointLocator locator) {
        this.tree = tree;
        this.locator = locator;
    }

    /** The oblast-level units, largest first, so the small ones inside others (Kyiv, Sevastopol) are drawn on top. */
    public List<Shape> country() {
        List<Shape> out = new ArrayList<>();
        for (Region r : tree.ofKind(RegionKind.OBLAST)) {
            out.add(shape(r, COUNTRY_TOLERANCE, 1));
        }
        out.sort(Comparator.comparingDouble((Shape s) -> -area(s.box())));
        return out;
    }

    /** The raions and then the hromadas of an oblast-level unit (empty for Kyiv and Sevastopol, which have none). */
    public List<Shape> detail(Region oblast) {
        List<Shape> raions = new ArrayList<>();
        List<Shape> hromadas = new ArrayList<>();
        for (Region raion : tree.children(oblast.code())) {
            raions.add(shape(raion, DETAIL_TOLERANCE, 10));
            for (Region hromada : tree.children(raion.code())) {
                hromadas.add(shape(hromada, DETAIL_TOLERANCE, 10));
            }
        }
        raions.addAll(hromadas);
        return raions;
    }

    private Shape shape(Region r, double tolerance, int precision) {
        Optional<Geometry> g = locator.boundary(r.code());
        if (g.isEmpty()) {
            return new Shape(r, null, null, null);
        }
        Geometry geometry = g.get();
        Envelope e = geometry.getEnvelopeInternal();
        double[] box = {round(MapProjection.x(e.getMinX())), round(MapProjection.y(e.getMaxY())),
                round(MapProjection.x(e.getMaxX())), round(MapProjection.y(e.getMinY()))};
        return new Shape(r, SvgPath.of(geometry, tolerance, precision), centre(geometry), box);
    }

    /** Where a marker goes: the centre of the largest circle inside the shape (a centroid may lie outside it). */
    private static double[] centre(Geometry g) {
        Point p = MaximumInscribedCircle.getCenter(largest(g), 0.001);
        return new double[] {round(MapProjection.x(p.getX())), round(MapProjection.y(p.getY()))};
    }

    private static Geometry largest(Geometry g) {
        Geometry best = g.getGeometryN(0);
        for (int i = 1; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).getArea() > best.getArea()) {
                best = g.getGeometryN(i);
            }
        }
        return best;
    }

    private static double area(double[] box) {
        return box == null ? 0 : (box[2] - box[0]) * (box[3] - box[1]);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
