package io.tocsin.cap.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.region.RegionCatalog;
import io.tocsin.support.Regions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exported areas leave out what the alert does not cover: for an alert on any one region, a point deep inside any
 * other region that is neither it, its ancestor nor its part (an enclave such as Kyiv city inside Kyiv oblast, a
 * town inside a rural hromada, a neighbour) lies outside every exported polygon. "Deep" means further inside that
 * region than the simplification moved any point of the exported outline, plus 0.01° (about a kilometre) for the
 * different sources of the oblast (geoBoundaries) and raion/hromada (OpenStreetMap) boundaries.
 */
class CapEnclaveTest {
    static final GeometryFactory GEOMETRY = new GeometryFactory();
    static final double SOURCES_APART = 0.01;
    static RegionCatalog catalog;
    static PointLocator locator;
    static RegionTree tree;
    /** Each region's deepest point and how deep it is (the radius of its largest inscribed circle). */
    static final Map<String, Deep> deepest = new HashMap<>();
    static final STRtree index = new STRtree();

    record Deep(String code, Point point, double clearance) {
    }

    @BeforeAll
    static void load() {
        catalog = Regions.catalog();
        locator = catalog.locator();
        tree = catalog.tree();
        for (String code : locator.codesWithBoundary()) {
            Geometry g = locator.boundary(code).orElseThrow();
            Geometry largest = largestPart(g);
            MaximumInscribedCircle mic = new MaximumInscribedCircle(largest, 0.002);
            Deep d = new Deep(code, mic.getCenter(), mic.getRadiusLine().getLength());
            deepest.put(code, d);
            index.insert(g.getEnvelopeInternal(), d);
        }
    }

    @Test
    void noExportedKyivOblastPolygonContainsAPointOfKyivCity() {
        Point centre = GEOMETRY.createPoint(new Coordinate(30.5234, 50.4501));
        for (int regions : List.of(1, 10, 27)) {
            List<Polygon> pieces = pieces(CapPolygons.rings(locator.boundary("UA-32").orElseThrow(),
                    CapPolygons.budget(regions)).rings());
            assertThat(pieces).as("UA-32 at the budget of %d regions", regions).hasSizeGreaterThan(1)
                    .noneMatch(p -> p.contains(centre));
            Deep kyiv = deepest.get("UA-30");
            assertThat(pieces).noneMatch(p -> p.contains(kyiv.point()));
        }
        assertThat(locator.boundary("UA-32").orElseThrow().contains(centre)).as("the boundary itself").isFalse();
    }

    @Test
    void everyRegionsExportLeavesOutEveryRegionNotUnderTheAlert() {
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (String code : locator.codesWithBoundary()) {
            Geometry boundary = locator.boundary(code).orElseThrow();
            CapPolygons.Rings rings = CapPolygons.rings(boundary, CapPolygons.budget(1));
            List<Polygon> pieces = pieces(rings.rings());
            assertThat(pieces).as(code).allMatch(p -> p.getNumInteriorRing() == 0);
            assertThat(pieces.stream().mapToInt(Polygon::getNumPoints).sum()).as(code + " points")
                    .isLessThanOrEqualTo(CapPolygons.MAX_POINTS_PER_REGION);
            double moved = rings.tolerance() + 0.00001 + SOURCES_APART;
            @SuppressWarnings("unchecked")
            List<Deep> near = index.query(boundary.getEnvelopeInternal());
            for (Deep other : near) {
                if (related(code, other.code()) || other.clearance() <= moved) {
                    continue;
                }
                checked++;
                for (Polygon p : pieces) {
                    if (p.contains(other.point())) {
                        failures.add(code + " covers " + other.code() + " at " + other.point());
                        break;
                    }
                }
            }
        }
        System.out.println("enclave check: " + locator.codesWithBoundary().size() + " regions, " + checked
                + " (region, other region) pairs checked, " + failures.size() + " covered");
        assertThat(failures).isEmpty();
        assertThat(checked).as("pairs checked").isGreaterThan(5000);
    }

    private static boolean related(String a, String b) {
        String ca = tree.require(a).code();
        String cb = tree.require(b).code();
        return ca.equals(cb) || tree.isSelfOrAncestor(ca, cb) || tree.isSelfOrAncestor(cb, ca);
    }

    static List<Polygon> pieces(List<String> rings) {
        List<Polygon> out = new ArrayList<>();
        for (String ring : rings) {
            String[] points = ring.split(" ");
            Coordinate[] cs = new Coordinate[points.length];
            for (int i = 0; i < points.length; i++) {
                String[] latLon = points[i].split(",");
                cs[i] = new Coordinate(Double.parseDouble(latLon[1]), Double.parseDouble(latLon[0]));
            }
            out.add(GEOMETRY.createPolygon(cs));
        }
        return out;
    }

    private static Geometry largestPart(Geometry g) {
        Geometry best = g.getGeometryN(0);
        for (int i = 1; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i).getArea() > best.getArea()) {
                best = g.getGeometryN(i);
            }
        }
        return best;
    }
}
