package io.tocsin.cap.mapping;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.util.GeometricShapeFactory;

/**
 * Turns the shapes of a CAP area (polygons and circles) into Tocsin regions, by overlap with the region boundaries,
 * coarsest first: a region at least {@link #COVERED} covered by the shape is taken whole; one the shape only touches
 * (less than {@link #NOISE} of the region and of the shape: a simplified border's sliver) is left out; anything
 * between is looked at through its children, and taken whole when it has none with boundaries (the hromadas of
 * Crimea, Kyiv city). A partly covered hromada is taken: warning too many is safer than too few. Thread-safe.
 */
public final class CapAreaResolver {
    static final double COVERED = 0.9;
    static final double NOISE = 0.01;
    private static final double KM_PER_DEGREE_LAT = 110.574;
    private static final double KM_PER_DEGREE_LON_AT_EQUATOR = 111.320;

    private final RegionTree tree;
    private final PointLocator locator;
    private final GeometryFactory factory = new GeometryFactory();
    private final Map<String, Double> areas = new ConcurrentHashMap<>();

    public CapAreaResolver(RegionTree tree, PointLocator locator) {
        this.tree = tree;
        this.locator = locator;
    }

    /**
     * A CAP polygon ({@code "lat,lon lat,lon …"}, already checked by the validator) as a valid JTS geometry in
     * lon/lat order.
     */
    Geometry polygon(String text) {
        String[] pairs = text.strip().split("\\s+");
        Coordinate[] ring = new Coordinate[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String[] ll = pairs[i].split(",");
            ring[i] = new Coordinate(Double.parseDouble(ll[1]), Double.parseDouble(ll[0]));
        }
        return GeometryFixer.fix(factory.createPolygon(ring));
    }

    /** A CAP circle ({@code "lat,lon radius-km"}) as a 64-gon, or a point for radius 0. */
    Geometry circle(String text) {
        String[] parts = text.strip().split("\\s+");
        String[] ll = parts[0].split(",");
        double lat = Double.parseDouble(ll[0]);
        double lon = Double.parseDouble(ll[1]);
        double km = Double.parseDouble(parts[1]);
        if (km <= 0) {
            return factory.createPoint(new Coordinate(lon, lat));
        }
        GeometricShapeFactory shapes = new GeometricShapeFactory(factory);
        shapes.setCentre(new Coordinate(lon, lat));
        shapes.setNumPoints(64);
        double cos = Math.max(0.01, Math.cos(Math.toRadians(lat)));
        shapes.setWidth(2 * km / (KM_PER_DEGREE_LON_AT_EQUATOR * cos));
        shapes.setHeight(2 * km / KM_PER_DEGREE_LAT);
        return shapes.createEllipse();
    }

    /** The regions the shapes cover (their union), coarsest possible, no region listed with an ancestor. */
    public List<String> resolve(List<Geometry> shapes) {
        Set<String> out = new LinkedHashSet<>();
        List<Geometry> areal = new ArrayList<>();
        for (Geometry g : shapes) {
            if (g.getArea() > 0) {
                areal.add(g);
            } else if (!g.isEmpty()) {
                // A point, or a polygon with no area: the region under it.
                Coordinate c = g.getCentroid().getCoordinate();
                locator.locateOne(c.getY(), c.getX()).ifPresent(r -> out.add(r.code()));
            }
        }
        if (!areal.isEmpty()) {
            Geometry shape = union(areal);
            for (Region oblast : tree.ofKind(RegionKind.OBLAST)) {
                visit(oblast, shape, shape.getArea(), out);
            }
        }
        return coarsest(out);
    }

    private void visit(Region region, Geometry shape, double shapeArea, Set<String> out) {
        Optional<Geometry> boundary = locator.boundary(region.code());
        if (boundary.isEmpty() || !boundary.get().getEnvelopeInternal().intersects(shape.getEnvelopeInternal())) {
            return;
        }
        double overlap = overlap(boundary.get(), shape);
        double area = areas.computeIfAbsent(region.code(), k -> boundary.get().getArea());
        double ofRegion = overlap / area;
        double ofShape = overlap / shapeArea;
        if (ofRegion >= COVERED) {
            out.add(region.code());
            return;
        }
        if (ofRegion < NOISE && ofShape < NOISE) {
            return;
        }
        List<Region> children = tree.children(region.code());
        if (children.isEmpty() || children.stream().anyMatch(c -> locator.boundary(c.code()).isEmpty())) {
            out.add(region.code());
            return;
        }
        for (Region child : children) {
            visit(child, shape, shapeArea, out);
        }
    }

    private static double overlap(Geometry boundary, Geometry shape) {
        try {
            return boundary.intersection(shape).getArea();
        } catch (TopologyException e) {
            return GeometryFixer.fix(boundary).intersection(shape).getArea();
        }
    }

    private Geometry union(List<Geometry> parts) {
        Geometry all = factory.buildGeometry(parts);
        try {
            return all.union();
        } catch (TopologyException e) {
            return GeometryFixer.fix(all);
        }
    }

    /** The codes without those that an ancestor in the same collection already covers, in their order. */
    public List<String> coarsest(Collection<String> codes) {
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            boolean covered = codes.stream().anyMatch(o -> !o.equals(code) && tree.isSelfOrAncestor(o, code));
            if (!covered) {
                out.add(code);
            }
        }
        return out;
    }
}
