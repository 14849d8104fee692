package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming GeoJSON reader behind the boundary files, on small hand-written collections. */
class RegionGeoJsonTest {

    private static List<GeoJsonFeatures.Feature> read(String json, String key) {
        return GeoJsonFeatures.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), key);
    }

    @Test
    void readsTheJoinKeyAndPolygonWhateverTheKeyOrder() {
        String json = """
                {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "CRS84"}},
                 "features": [
                  {"geometry": {"coordinates": [[[30, 50], [31, 50], [31, 51], [30, 50]]], "type": "Polygon"},
                   "type": "Feature",
                   "properties": {"name": {"uk": "x"}, "katotth": "UA1", "n": 5, "wikidata": null}}
                 ]}""";

        List<GeoJsonFeatures.Feature> features = read(json, "katotth");

        assertThat(features).hasSize(1);
        GeoJsonFeatures.Feature f = features.get(0);
        assertThat(f.key()).isEqualTo("UA1");
        assertThat(f.geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(f.geometry().getSRID()).isEqualTo(4326);
        assertThat(f.geometry().getArea()).isEqualTo(0.5);
    }

    @Test
    void readsMultiPolygonsWithHolesDropsAThirdOrdinateAndClosesOpenRings() {
        String json = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"katotth": null},
                   "geometry": {"type": "MultiPolygon", "coordinates": [
                     [[[0, 0, 7], [4, 0, 7], [4, 4, 7], [0, 4, 7]], [[1, 1], [2, 1], [2, 2], [1, 1]]],
                     [[[10, 10], [11, 10], [11, 11], [10, 10]]]]}}]}""";

        GeoJsonFeatures.Feature feature = read(json, "katotth").get(0);

        assertThat(feature.key()).isNull();
        assertThat(feature.geometry().getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(feature.geometry().getNumGeometries()).isEqualTo(2);
        assertThat(feature.geometry().getArea()).isEqualTo(16 - 0.5 + 0.5);
        assertThat(Double.isNaN(feature.geometry().getCoordinate().getZ())).isTrue();
    }

    @Test
    void rejectsGeometriesThatAreNotAreas() {
        String json = """
                {"features": [{"properties": {}, "geometry": {"type": "Point", "coordinates": [30, 50]}}]}""";

        assertThatThrownBy(() -> read(json, "katotth")).hasMessageContaining("unsupported geometry type Point");
    }

    @Test
    void rejectsCoordinatesThatDoNotMatchTheType() {
        String json = """
                {"features": [{"geometry": {"type": "MultiPolygon",
                  "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 50]]]}}]}""";

        assertThatThrownBy(() -> read(json, "katotth")).isInstanceOf(IllegalStateException.class);
    }
}
