package io.tocsin.region;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads the areal features of a GeoJSON FeatureCollection into JTS geometries with Jackson's streaming parser:
 * the boundary files hold half a million vertices, and a tree model would build millions of nodes only to throw
 * them away. Only one property is kept per feature (the join key: {@code katotth} or {@code shapeISO}).
 * Coordinates are lon/lat (WGS 84) as GeoJSON has them; a third ordinate, if any, is dropped.
 */
final class GeoJsonFeatures {
    /** A feature's join key (null when the property is absent or null) and its (Multi)Polygon. */
    record Feature(String key, Geometry geometry) {
    }

    /** SRID 4326, floating precision: the files carry 5 decimals or more, and rounding would move borders. */
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private GeoJsonFeatures() {
    }

    /** Reads every feature of the collection; the stream is closed. */
    static List<Feature> read(InputStream in, String keyProperty) {
        try (JsonParser p = JSON.createParser(in)) {
            List<Feature> features = new ArrayList<>();
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("features".equals(field)) {
                    expect(p, value, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        features.add(readFeature(p, keyProperty));
                    }
                } else {
                    p.skipChildren();
                }
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GeoJSON", e);
        }
    }

    private static Feature readFeature(JsonParser p, String keyProperty) throws IOException {
        String key = null;
        String type = null;
        Object coordinates = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("properties".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals(keyProperty) && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                        key = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            } else if ("geometry".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("type".equals(name)) {
                        type = p.getValueAsString();
                    } else if ("coordinates".equals(name) && v == JsonToken.START_ARRAY) {
                        coordinates = readArray(p);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new Feature(key, toGeometry(type, coordinates, key));
    }

    /**
     * Reads a nested coordinate array (the parser is on its START_ARRAY): a position becomes a {@link Coordinate},
     * an array of positions a {@code Coordinate[]}, anything deeper a {@code List}. Keys may come in any order,
     * so the shape is recorded here and checked against the declared type afterwards.
     */
    private static Object readArray(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null && t.isNumeric()) {
            double x = p.getDoubleValue();
            expectNumber(p, p.nextToken());
            double y = p.getDoubleValue();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expectNumber(p, p.currentToken());
            }
            return new CoordinateXY(x, y);
        }
        List<Object> items = new ArrayList<>();
        while (t == JsonToken.START_ARRAY) {
            items.add(readArray(p));
            t = p.nextToken();
        }
        expect(p, t, JsonToken.END_ARRAY);
        if (!items.isEmpty() && items.get(0) instanceof Coordinate) {
            return items.toArray(new Coordinate[0]);
        }
        return items;
    }

    private static Geometry toGeometry(String type, Object coordinates, String key) {
        if (coordinates == null) {
            throw new IllegalStateException("feature " + key + " has no geometry coordinates");
        }
        return switch (String.valueOf(type)) {
            case "Polygon" -> polygon(coordinates, key);
            case "MultiPolygon" -> {
                List<?> parts = asList(coordinates, key);
                Polygon[] polygons = new Polygon[parts.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(parts.get(i), key);
                }
                yield WGS84.createMultiPolygon(polygons);
            }
            default -> throw new IllegalStateException("feature " + key + ": unsupported geometry type " + type);
        };
    }

    private static Polygon polygon(Object rings, String key) {
        List<?> list = asList(rings, key);
        if (list.isEmpty()) {
            return WGS84.createPolygon();
        }
        LinearRing shell = ring(list.get(0), key);
        LinearRing[] holes = new LinearRing[list.size() - 1];
        for (int i = 1; i < list.size(); i++) {
            holes[i - 1] = ring(list.get(i), key);
        }
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object positions, String key) {
        if (!(positions instanceof Coordinate[] pts)) {
            throw new IllegalStateException("feature " + key + ": a polygon ring is not an array of positions");
        }
        if (pts.length > 0 && !pts[0].equals2D(pts[pts.length - 1])) {
            // RFC 7946 requires closed rings, but one unclosed ring should not stop the whole catalog loading.
            pts = java.util.Arrays.copyOf(pts, pts.length + 1);
            pts[pts.length - 1] = pts[0].copy();
        }
        return WGS84.createLinearRing(pts);
    }

    private static List<?> asList(Object o, String key) {
        if (o instanceof List<?> list) {
            return list;
        }
        throw new IllegalStateException("feature " + key + ": coordinates nest less deeply than the type says");
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual + " at " + p.currentLocation());
        }
    }

    private static void expectNumber(JsonParser p, JsonToken t) throws IOException {
        if (t == null || !t.isNumeric()) {
            throw new IOException("expected a number in a position but found " + t + " at " + p.currentLocation());
        }
    }
}
