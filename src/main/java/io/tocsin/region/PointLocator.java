package io.tocsin.region;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import io.tocsin.startup.Deferred;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;

/**
 * Point → region lookup: which hromada, raion and oblast hold a point.
 *
 * <p>The finest layer that has a polygon under the point wins, and the rest of the chain comes from the region
 * tree (the codifier), not from the coarser polygons: borders of the 2017 oblast layer and the 2026 OSM layers
 * differ by up to a few hundred metres, and the codifier is the authority on who belongs to whom. Fallbacks:
 * <ol>
 *   <li>hromada polygons (1,466 of the 1,469 outside Crimea);</li>
 *   <li>raion polygons, where no hromada polygon holds the point: the 303 Crimean hromadas and 3 others have
 *       none, and some raion land (the Chornobyl zone, estuaries) lies in no hromada;</li>
 *   <li>oblast polygons, for Kyiv and Sevastopol (they have no raions) and territorial waters.</li>
 * </ol>
 * Outside every polygon the answer is an empty list. Thread-safe and allocation-light: lookups only read. The
 * polygons may be read later than the locator is handed out ({@link #deferred}); lookups wait for them.
 */
public final class PointLocator {
    /** The three levels' boundary features, as read from their files. */
    record Features(List<GeoJsonFeatures.Feature> hromadas, List<GeoJsonFeatures.Feature> raions,
                    List<GeoJsonFeatures.Feature> oblasts) {
    }

    /** The indexed polygons: built once, then only read. */
    private record Layers(PolygonLayer hromadas, PolygonLayer raions, PolygonLayer oblasts,
                          Map<String, Geometry> boundaries, List<String> unmatched) {
    }

    private final RegionTree tree;
    private final Deferred<Layers> layers;

    /**
     * @param hromadaFeatures keyed by KATOTTH; raionFeatures by KATOTTH; oblastFeatures by ISO 3166-2. Features
     *                        whose key names no region of the expected kind are left out and listed by
     *                        {@link #unmatchedFeatures()}.
     */
    PointLocator(RegionTree tree, List<GeoJsonFeatures.Feature> hromadaFeatures,
                 List<GeoJsonFeatures.Feature> raionFeatures, List<GeoJsonFeatures.Feature> oblastFeatures) {
        this.tree = tree;
        this.layers = Deferred.done("the region boundaries",
                index(tree, new Features(hromadaFeatures, raionFeatures, oblastFeatures)));
    }

    private PointLocator(RegionTree tree, Supplier<Features> source) {
        this.tree = tree;
        this.layers = Deferred.of("the region boundaries", () -> index(tree, source.get()));
    }

    /**
     * A locator that is usable at once and reads its boundaries from {@code source} only when
     * {@link #loadInBackground()} is called or a method needs them: the boundaries are most of the catalog's
     * loading time and only point lookups and boundaries need them, so a server can start listening first, and a
     * command that never looks a point up never reads them. A method that needs them waits until they are there;
     * none answers without them.
     */
    static PointLocator deferred(RegionTree tree, Supplier<Features> source) {
        return new PointLocator(tree, source);
    }

    /** Starts reading the boundaries on a background thread, unless that has begun; returns at once. */
    public void loadInBackground() {
        layers.start();
    }

    private static Layers index(RegionTree tree, Features f) {
        Map<String, Geometry> shapes = new HashMap<>();
        List<String> rejected = new ArrayList<>();
        PolygonLayer hromadas = layer(tree, RegionKind.HROMADA, f.hromadas(), shapes, rejected);
        PolygonLayer raions = layer(tree, RegionKind.RAION, f.raions(), shapes, rejected);
        PolygonLayer oblasts = layer(tree, RegionKind.OBLAST, f.oblasts(), shapes, rejected);
        return new Layers(hromadas, raions, oblasts, Map.copyOf(shapes), List.copyOf(rejected));
    }

    /** Whether the boundaries are loaded, so that lookups answer without waiting (for readiness reports). */
    public boolean loaded() {
        return layers.ready();
    }

    /** The polygons, waiting for them if they are still being read; a failed load fails every lookup. */
    private Layers layers() {
        return layers.get();
    }

    private static PolygonLayer layer(RegionTree tree, RegionKind kind, List<GeoJsonFeatures.Feature> features,
                                      Map<String, Geometry> shapes, List<String> rejected) {
        List<PolygonLayer.Entry> entries = new ArrayList<>(features.size());
        for (GeoJsonFeatures.Feature f : features) {
            Optional<Region> region = tree.find(f.key()).filter(r -> r.kind() == kind);
            if (region.isEmpty() || f.geometry().isEmpty()) {
                rejected.add(kind.wire() + ":" + f.key());
                continue;
            }
            String code = region.get().code();
            if (shapes.putIfAbsent(code, f.geometry()) != null) {
                throw new IllegalStateException("two " + kind.wire() + " boundaries for " + code);
            }
            entries.add(new PolygonLayer.Entry(f.geometry(), tree.chain(code)));
        }
        return new PolygonLayer(entries);
    }

    /**
     * The regions holding the point, nearest first (hromada, raion, oblast, country), or an empty list outside
     * Ukraine. The chain is shared and immutable. Coordinates are WGS 84 degrees.
     */
    public List<Region> locate(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return List.of(); // NaN included: a bad coordinate is simply nowhere in Ukraine
        }
        Layers l = layers();
        List<Region> chain = l.hromadas().find(lon, lat);
        if (chain == null) {
            chain = l.raions().find(lon, lat);
        }
        if (chain == null) {
            chain = l.oblasts().find(lon, lat);
        }
        return chain == null ? List.of() : chain;
    }

    /** The most specific region holding the point. */
    public Optional<Region> locateOne(double lat, double lon) {
        List<Region> chain = locate(lat, lon);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /**
     * The boundary of a region (by public or KATOTTH code) as a WGS 84 (Multi)Polygon in lon/lat order, or empty
     * when none is shipped (the country, Crimean hromadas and three others). Oblast boundaries are the
     * full-resolution geoBoundaries shapes (up to 9,800 vertices): simplify before drawing them. Geometries
     * are shared; do not mutate them.
     */
    public Optional<Geometry> boundary(String code) {
        Map<String, Geometry> boundaries = layers().boundaries();
        return tree.find(code).map(r -> boundaries.get(r.code()));
    }

    /** Public codes of the regions that have a boundary, sorted. */
    public List<String> codesWithBoundary() {
        return Collections.unmodifiableList(new ArrayList<>(new TreeSet<>(layers().boundaries().keySet())));
    }

    /** Boundary features whose key matched no region of their level ("hromada:UA…"): empty for the shipped data. */
    public List<String> unmatchedFeatures() {
        return layers().unmatched();
    }

    /** How many polygons of a level are indexed (0 for the country). */
    public int polygonCount(RegionKind kind) {
        return switch (kind) {
            case HROMADA -> layers().hromadas().size();
            case RAION -> layers().raions().size();
            case OBLAST -> layers().oblasts().size();
            case COUNTRY -> 0;
        };
    }
}
