package io.tocsin.region;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid of whole-cell answers must give exactly what a brute-force test against every hromada boundary gives,
 * both for the point that classifies a cell and for the points that later read the cached answer.
 */
class PointLocatorGridCacheTest {

    @Test
    void cachedCellAnswersAgreeWithBruteForceOverEveryHromada() {
        RegionCatalog catalog = RegionCatalog.load();
        PointLocator locator = catalog.locator();
        List<Map.Entry<String, Geometry>> hromadas = new ArrayList<>();
        for (String code : locator.codesWithBoundary()) {
            if (catalog.tree().require(code).kind() == RegionKind.HROMADA) {
                hromadas.add(Map.entry(code, locator.boundary(code).orElseThrow()));
            }
        }
        GeometryFactory gf = new GeometryFactory();
        Random rnd = new Random(7);
        int compared = 0;
        for (int i = 0; i < 600; i++) {
            // Pairs of points in the same grid cell: the first classifies it, the second reads the cache.
            double lon = 22.5 + rnd.nextDouble() * 17.5;
            double lat = 45.3 + rnd.nextDouble() * 6.8;
            for (double[] p : new double[][]{{lat, lon}, {lat + 0.003, lon + 0.003}}) {
                Point point = gf.createPoint(new Coordinate(p[1], p[0]));
                List<String> holders = hromadas.stream()
                        .filter(h -> h.getValue().getEnvelopeInternal().covers(p[1], p[0]) && h.getValue().covers(point))
                        .map(Map.Entry::getKey).toList();
                List<Region> chain = locator.locate(p[0], p[1]);
                if (holders.size() == 1) {
                    assertThat(chain).as("point %s,%s", p[0], p[1]).isNotEmpty();
                    assertThat(chain.get(0).code()).as("point %s,%s", p[0], p[1]).isEqualTo(holders.get(0));
                    compared++;
                } else if (holders.isEmpty()) {
                    assertThat(chain.isEmpty() || chain.get(0).kind() != RegionKind.HROMADA)
                            .as("no hromada holds %s,%s", p[0], p[1]).isTrue();
                }
            }
        }
        assertThat(compared).isGreaterThan(300);
    }
}
