package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class PointLocatorTest {
    private final RegionCatalog catalog = TestCatalog.get();
    private final RegionTree tree = catalog.tree();
    private final PointLocator locator = catalog.locator();

    private List<String> codes(double lat, double lon) {
        return locator.locate(lat, lon).stream().map(Region::code).toList();
    }

    @Test
    void pointInKyivResolvesToKyivCityAlone() {
        assertThat(codes(50.45, 30.52)).containsExactly("UA-30", "UA");
    }

    @Test
    void pointInLvivResolvesToLvivOblastRaionAndHromada() {
        List<Region> chain = locator.locate(49.84, 24.03);

        assertThat(chain).extracting(Region::code)
                .containsExactly("UA46060250000025047", "UA46060000000042587", "UA-46", "UA");
        assertThat(chain).extracting(Region::nameEn).containsExactly(
                "Lvivska terytorialna hromada", "Lvivskyi raion", "Lvivska oblast", "Ukraine");
    }

    @Test
    void pointInKharkivResolvesToKharkivOblastRaionAndHromada() {
        assertThat(codes(49.99, 36.23))
                .containsExactly("UA63120270000028556", "UA63120000000091135", "UA-63", "UA");
        assertThat(locator.locate(49.99, 36.23).get(1).nameEn()).isEqualTo("Kharkivskyi raion");
    }

    @Test
    void pointInOdesaResolvesToOdesaOblastRaionAndHromada() {
        assertThat(codes(46.48, 30.72))
                .containsExactly("UA51100270000073549", "UA51100000000095786", "UA-51", "UA");
        assertThat(locator.locate(46.48, 30.72).get(0).nameEn()).isEqualTo("Odeska terytorialna hromada");
    }

    @Test
    void pointInDniproResolvesToDnipropetrovskOblastRaionAndHromada() {
        assertThat(codes(48.46, 35.04))
                .containsExactly("UA12020010000033698", "UA12020000000052809", "UA-12", "UA");
        assertThat(locator.locate(48.46, 35.04).get(1).nameEn()).isEqualTo("Dniprovskyi raion");
    }

    @Test
    void pointInCrimeaFallsBackToRaionAndOblastForWantOfHromadaPolygons() {
        List<Region> chain = locator.locate(44.95, 34.10);

        assertThat(chain).extracting(Region::kind)
                .containsExactly(RegionKind.RAION, RegionKind.OBLAST, RegionKind.COUNTRY);
        assertThat(chain).extracting(Region::code).containsExactly("UA01160000000090126", "UA-43", "UA");
        assertThat(chain.get(0).nameUk()).isEqualTo("Сімферопольський район");
    }

    @Test
    void pointInAHromadaWithoutPolygonFallsBackToItsRaion() {
        // Chop (Zakarpattia) is one of the three hromadas missing from the OSM extract.
        Region chop = tree.require("UA21100270000015047");

        assertThat(locator.boundary(chop.code())).isEmpty();
        assertThat(codes(48.432, 22.205)).first().isEqualTo(chop.parentCode());
    }

    @Test
    void pointInSevastopolResolvesToTheCity() {
        assertThat(codes(44.60, 33.52)).containsExactly("UA-40", "UA");
    }

    @Test
    void pointsOutsideUkraineResolveToNothing() {
        assertThat(locator.locate(43.50, 32.00)).as("open Black Sea").isEmpty();
        assertThat(locator.locate(52.23, 21.01)).as("Warsaw").isEmpty();
        assertThat(locator.locate(50.08, 19.94)).as("Kraków").isEmpty();
        assertThat(locator.locate(55.75, 37.62)).as("Moscow").isEmpty();
        assertThat(locator.locate(Double.NaN, 30.52)).as("NaN").isEmpty();
        assertThat(locator.locate(95, 30.52)).as("latitude beyond the pole").isEmpty();
    }

    @Test
    void everyHromadaPolygonResolvesToItsOwnHromada() {
        List<String> misses = new ArrayList<>();
        int checked = 0;
        for (Region hromada : tree.ofKind(RegionKind.HROMADA)) {
            Geometry boundary = locator.boundary(hromada.code()).orElse(null);
            if (boundary == null) {
                continue;
            }
            Point inside = boundary.getInteriorPoint();
            List<Region> chain = locator.locate(inside.getY(), inside.getX());
            checked++;
            if (chain.isEmpty() || !chain.get(0).equals(hromada)) {
                misses.add(hromada.code() + " → " + (chain.isEmpty() ? "nothing" : chain.get(0).code()));
            }
        }
        assertThat(checked).isEqualTo(1466);
        // OSM hromadas overlap in a few places (3.5 km² at most); interior points happen to avoid them all.
        assertThat(misses).isEmpty();
    }

    @Test
    void everyRaionPolygonResolvesWithinItsRaion() {
        for (Region raion : tree.ofKind(RegionKind.RAION)) {
            Point inside = locator.boundary(raion.code()).orElseThrow().getInteriorPoint();
            List<Region> chain = locator.locate(inside.getY(), inside.getX());
            assertThat(chain).as(raion.code() + " " + raion.nameEn()).isNotEmpty();
            assertThat(tree.isSelfOrAncestor(raion.code(), chain.get(0).code()))
                    .as(raion.code() + " " + raion.nameEn() + " → " + chain.get(0).code()).isTrue();
        }
    }

    @Test
    void boundariesAreShippedForOblastsRaionsAndMappedHromadas() {
        assertThat(locator.unmatchedFeatures()).isEmpty();
        assertThat(locator.polygonCount(RegionKind.OBLAST)).isEqualTo(27);
        assertThat(locator.polygonCount(RegionKind.RAION)).isEqualTo(136);
        assertThat(locator.polygonCount(RegionKind.HROMADA)).isEqualTo(1466);
        assertThat(locator.codesWithBoundary()).hasSize(27 + 136 + 1466).contains("UA-30", "UA-43");
        assertThat(catalog.boundary("UA-46")).get().extracting(Geometry::getSRID).isEqualTo(4326);
        assertThat(catalog.boundary("UA46000000000026241")).isEqualTo(catalog.boundary("UA-46"));
        assertThat(catalog.boundary("UA")).isEmpty();
        assertThat(catalog.boundary("UA01160330000011827")).as("Crimean hromada").isEmpty();
        assertThat(catalog.boundary("no-such-code")).isEmpty();
    }

    @Test
    void boundariesAreValidLonLatPolygons() {
        for (String code : locator.codesWithBoundary()) {
            Geometry g = locator.boundary(code).orElseThrow();
            assertThat(g.getGeometryType()).as(code).isIn("Polygon", "MultiPolygon");
            assertThat(g.getEnvelopeInternal().getMinX()).as(code).isBetween(22.0, 40.3);
            assertThat(g.getEnvelopeInternal().getMinY()).as(code).isBetween(44.0, 52.4);
        }
    }

    @Test
    void boundaryConvertsToAGeoJsonGeometry() {
        Geometry kyiv = catalog.boundary("UA-30").orElseThrow();
        Map<String, Object> json = GeoJsonGeometry.of(kyiv);

        assertThat(json).containsEntry("type", "Polygon");
        List<?> rings = (List<?>) json.get("coordinates");
        List<?> shell = (List<?>) rings.get(0);
        double[] first = (double[]) shell.get(0);
        assertThat(rings).as("shell and one hole").hasSize(2);
        assertThat(shell).hasSize(((Polygon) kyiv).getExteriorRing().getNumPoints());
        assertThat(first[0]).as("longitude first").isBetween(30.0, 31.0);
        assertThat(first[1]).as("latitude second").isBetween(50.0, 51.0);
    }
}
