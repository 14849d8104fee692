package io.tocsin.bench.jmh;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.region.PointLocator;
import io.tocsin.region.RegionCatalog;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Point → hromada/raion/oblast chain ({@code RegionCatalog.load().locator().locate(lat, lon)}), the lookup behind
 * {@code GET /api/v1/status?lat=&lon=} and point-filtered streams. Goal: ≤ 1 µs per call.
 *
 * <ul>
 *   <li>{@code inside}: a fixed pseudo-random set of points, four inside each of the 1,602 hromada and raion
 *       polygons (1,466 + 136), shuffled: every polygon is hit, every answer is a full chain.</li>
 *   <li>{@code boundingBox}: uniform random points in Ukraine's bounding box (22.1–40.3 E, 44.3–52.4 N), about a
 *       third of them outside the country (the lookup must say "nowhere" quickly too).</li>
 * </ul>
 * The points are cycled through in order, so consecutive calls hit unrelated polygons (no lucky caching).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g"})
public class PointLookupBenchmark {
    static final int PER_POLYGON = 4;
    static final int BOX_POINTS = 8192;

    PointLocator locator;
    double[] insideLat;
    double[] insideLon;
    double[] boxLat;
    double[] boxLon;
    int polygons;

    @Setup(Level.Trial)
    public void setUp() {
        RegionCatalog catalog = RegionCatalog.load();
        locator = catalog.locator();
        Random random = new Random(20240224L);
        GeometryFactory gf = new GeometryFactory();
        List<double[]> inside = new ArrayList<>();
        for (String code : locator.codesWithBoundary()) {
            Region r = catalog.tree().require(code);
            if (r.kind() != RegionKind.HROMADA && r.kind() != RegionKind.RAION) {
                continue;
            }
            polygons++;
            Geometry g = locator.boundary(code).orElseThrow();
            Envelope e = g.getEnvelopeInternal();
            for (int found = 0, tries = 0; found < PER_POLYGON; tries++) {
                double lon = e.getMinX() + random.nextDouble() * e.getWidth();
                double lat = e.getMinY() + random.nextDouble() * e.getHeight();
                if (g.contains(gf.createPoint(new Coordinate(lon, lat)))) {
                    inside.add(new double[] {lat, lon});
                    found++;
                } else if (tries > 10_000) {
                    throw new IllegalStateException("cannot sample a point inside " + code);
                }
            }
        }
        Collections.shuffle(inside, random);
        insideLat = inside.stream().mapToDouble(p -> p[0]).toArray();
        insideLon = inside.stream().mapToDouble(p -> p[1]).toArray();
        for (int i = 0; i < insideLat.length; i++) {
            if (locator.locate(insideLat[i], insideLon[i]).size() < 3) {
                throw new IllegalStateException("no full chain at " + insideLat[i] + "," + insideLon[i]);
            }
        }
        boxLat = new double[BOX_POINTS];
        boxLon = new double[BOX_POINTS];
        for (int i = 0; i < BOX_POINTS; i++) {
            boxLat[i] = 44.3 + random.nextDouble() * (52.4 - 44.3);
            boxLon[i] = 22.1 + random.nextDouble() * (40.3 - 22.1);
        }
    }

    private int nextInside;
    private int nextBox;

    @Benchmark
    public List<Region> inside() {
        int i = nextInside;
        nextInside = i + 1 == insideLat.length ? 0 : i + 1;
        return locator.locate(insideLat[i], insideLon[i]);
    }

    @Benchmark
    public List<Region> boundingBox() {
        int i = nextBox;
        nextBox = i + 1 == BOX_POINTS ? 0 : i + 1;
        return locator.locate(boxLat[i], boxLon[i]);
    }
}
