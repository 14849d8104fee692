package io.tocsin.region;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns a boundary into a GeoJSON geometry object made of maps, lists and {@code double[]} positions, ready for
 * any JSON writer (Jackson writes it as-is), so the map and the CAP export need no JTS-to-JSON code of their own.
 */
public final class GeoJsonGeometry {
    private GeoJsonGeometry() {
    }

    /** {@code {"type": "Polygon" | "MultiPolygon", "coordinates": [...]}} in lon/lat order (RFC 7946). */
    public static Map<String, Object> of(Geometry geometry) {
        Map<String, Object> out = new LinkedHashMap<>(2);
        if (geometry instanceof Polygon polygon) {
            out.put("type", "Polygon");
            out.put("coordinates", rings(polygon));
        } else if (geometry instanceof MultiPolygon multi) {
            List<List<List<double[]>>> polygons = new ArrayList<>(multi.getNumGeometries());
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) multi.getGeometryN(i)));
            }
            out.put("type", "MultiPolygon");
            out.put("coordinates", polygons);
        } else {
            throw new IllegalArgumentException("boundaries are polygons, not " + geometry.getGeometryType());
        }
        return out;
    }

    private static List<List<double[]>> rings(Polygon polygon) {
        List<List<double[]>> rings = new ArrayList<>(1 + polygon.getNumInteriorRing());
        rings.add(positions(polygon.getExteriorRing()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i)));
        }
        return rings;
    }

    private static List<double[]> positions(LineString ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        List<double[]> positions = new ArrayList<>(coordinates.length);
        for (Coordinate c : coordinates) {
            positions.add(new double[] {c.getX(), c.getY()});
        }
        return positions;
    }
}
