package io.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.locations.LocationTableLoader;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The one location table: every alerts.in.ua uid and ukrainealarm id is exactly one Tocsin region. */
class LocationTableTest {
    static RegionTree tree;
    static LocationTable table;

    @BeforeAll
    static void load() {
        tree = Regions.catalog().tree();
        table = LocationTableLoader.load(tree);
    }

    @Test
    void everyAlertsInUaUidIsExactlyOneRegion() {
        // 1,605 ids of the Ukraine Alarm list + the 17 non-city exceptions of the spec = 1,622 locations, plus 7 city
        // aliases: 1,629 alerts.in.ua uids.
        assertThat(table.all()).hasSize(1622);
        assertThat(table.cities()).hasSize(7);
        Set<String> regions = new HashSet<>();
        for (Location l : table.all()) {
            Region r = tree.require(l.region());
            assertThat(regions.add(r.code())).as("region of uid %d used once", l.uid()).isTrue();
            RegionKind expected = switch (l.kind()) {
                case OBLAST -> RegionKind.OBLAST;
                case RAION -> RegionKind.RAION;
                case HROMADA -> RegionKind.HROMADA;
            };
            assertThat(r.kind()).as("kind of uid %d", l.uid()).isEqualTo(expected);
            assertThat(tree.oblastOf(r.code()).orElseThrow().code())
                    .isEqualTo(table.byUid(l.oblastUid()).orElseThrow().region());
            if (l.kind() == Location.Kind.HROMADA) {
                assertThat(r.parentCode()).isEqualTo(table.byUid(l.raionUid()).orElseThrow().region());
            }
        }
        assertThat(table.byUid(6293).orElseThrow().uid()).isEqualTo(1293);
        assertThat(table.byUid(5564).orElseThrow().uid()).isEqualTo(564);
    }

    @Test
    void everyUkraineAlarmIdIsExactlyOneRegionAndCrimeaIs9999() throws Exception {
        JsonNode states;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("data/compat/ukrainealarm_regions_states.json")) {
            states = new ObjectMapper().readTree(in).get("states");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode s : states) {
            ids.add(s.get("stateId").asText());
            for (JsonNode d : s.get("districts")) {
                ids.add(d.get("districtId").asText());
                d.get("communities").forEach(c -> ids.add(c.get("communityId").asText()));
            }
        }
        assertThat(ids).hasSize(1605).doesNotHaveDuplicates();
        for (String id : ids) {
            Location l = table.byUaId(id).orElseThrow(() -> new AssertionError("no location for ukrainealarm " + id));
            assertThat(Integer.toString(l.uid())).isEqualTo(id); // one numbering for both APIs
        }
        assertThat(table.byUaId("9999").orElseThrow().region()).isEqualTo("UA-43");
        assertThat(table.byUid(29).orElseThrow().uaId()).isEqualTo("9999");
        assertThat(table.all().stream().filter(l -> l.uaId() != null)).hasSize(1606);
    }

    @Test
    void raionsAgreeWithTheUkraineAlarmColumnOfDerivedRaions() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/main/resources/data/derived_raions.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[7].isBlank()) {
                assertThat(table.byUaId(f[7]).orElseThrow().region()).as("raion %s", f[4]).isEqualTo(f[0]);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(122);
    }

    @Test
    void theIotOrderIsTheDocumentedOne() {
        assertThat(table.iotOrder().stream().map(Location::nameUk).toList().subList(0, 3))
                .containsExactly("Автономна Республіка Крим", "Волинська область", "Вінницька область");
        assertThat(table.iotOrder()).hasSize(27).allMatch(l -> l.kind() == Location.Kind.OBLAST);
    }

    /** Reports (and pins the count of) the Tocsin regions that no id of either API reaches. */
    @Test
    void reportsTheRegionsNoIdReaches() {
        Set<String> reached = new HashSet<>();
        table.all().forEach(l -> reached.add(l.region()));
        Map<String, List<String>> unreached = new TreeMap<>();
        for (Region r : tree.all()) {
            if (r.kind() != RegionKind.COUNTRY && !reached.contains(r.code())) {
                String oblast = tree.oblastOf(r.code()).orElseThrow().nameUk();
                unreached.computeIfAbsent(oblast + " / " + r.kind().wire(), k -> new ArrayList<>()).add(r.nameUk());
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        unreached.forEach((k, v) -> counts.put(k, v.size()));
        System.out.println("Tocsin regions no compat id reaches: " + new TreeMap<>(counts));
        unreached.forEach((k, v) -> { if (v.size() < 20) System.out.println("  " + k + ": " + v); });
        // Only Crimea's raions and hromadas: neither API numbers them (alerts there are declared for Crimea, 29/9999).
        assertThat(counts).containsOnly(Map.entry("Автономна Республіка Крим / hromada", 303),
                Map.entry("Автономна Республіка Крим / raion", 10));
        int total = unreached.values().stream().mapToInt(List::size).sum();
        assertThat(tree.all().size() - 1 - total).isEqualTo(table.all().size());
    }
}
