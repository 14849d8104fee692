package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.support.RepoFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RegionCatalogTest {
    private final RegionTree tree = TestCatalog.get().tree();

    /** Category letter → row count, read from the shipped codifier file without the production reader. */
    private static Map<String, Long> codifierCounts(String codePrefix) throws IOException {
        return readLines(RepoFiles.productData("katotth_kodyfikator_2025-07-02.csv.gz"), true).stream()
                .skip(1)
                .map(line -> line.split(";", -1))
                .filter(cols -> cols[0].startsWith(codePrefix))
                .collect(Collectors.groupingBy(cols -> cols[5], Collectors.counting()));
    }

    private static List<String> readLines(Path file, boolean gzip) throws IOException {
        var raw = Files.newInputStream(file);
        try (var in = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw) : raw,
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    @Test
    void holdsEveryOblastRaionAndHromadaOfTheCodifier() throws IOException {
        Map<String, Long> counts = codifierCounts("UA");

        assertThat((long) tree.ofKind(RegionKind.OBLAST).size()).isEqualTo(counts.get("O") + counts.get("K"))
                .isEqualTo(27);
        assertThat((long) tree.ofKind(RegionKind.RAION).size()).isEqualTo(counts.get("P")).isEqualTo(136);
        assertThat((long) tree.ofKind(RegionKind.HROMADA).size()).isEqualTo(counts.get("H")).isEqualTo(1772);
        assertThat(tree.ofKind(RegionKind.COUNTRY)).singleElement()
                .isEqualTo(new Region("UA", null, RegionKind.COUNTRY, null, "Україна", "Ukraine"));
        assertThat(tree.size()).isEqualTo(1 + 27 + 136 + 1772);
    }

    @Test
    void includesTheHromadasOfCrimea() throws IOException {
        long crimean = codifierCounts("UA01").get("H");

        assertThat(crimean).isEqualTo(303);
        assertThat(tree.ofKind(RegionKind.HROMADA).stream()
                .filter(h -> tree.oblastOf(h.code()).orElseThrow().code().equals("UA-43"))).hasSize((int) crimean);
    }

    @Test
    void oblastLevelUnitsUseIsoCodesAndOfficialNames() {
        assertThat(tree.require("UA-32")).isEqualTo(new Region("UA-32", "UA32000000000030281", RegionKind.OBLAST,
                "UA", "Київська область", "Kyivska oblast"));
        assertThat(tree.require("UA-30")).isEqualTo(new Region("UA-30", "UA80000000000093317", RegionKind.OBLAST,
                "UA", "Київ", "Kyiv"));
        assertThat(tree.require("UA-40").nameEn()).isEqualTo("Sevastopol");
        assertThat(tree.require("UA-43").nameEn()).isEqualTo("Avtonomna Respublika Krym");
        assertThat(tree.require("UA-09").nameUk()).isEqualTo("Луганська область");
        assertThat(tree.require("UA-77").nameEn()).isEqualTo("Chernivetska oblast");
        assertThat(tree.find("UA63000000000041885")).hasValue(tree.require("UA-63"));
    }

    @Test
    void kyivAndSevastopolHaveNoRaions() {
        assertThat(tree.children("UA-30")).isEmpty();
        assertThat(tree.children("UA-40")).isEmpty();
    }

    @Test
    void raionsAndHromadasCarryTheirLevelWordAndKatotthCode() {
        Region raion = tree.require("UA71060000000030325");
        Region hromada = tree.require("UA71060210000032972");

        assertThat(raion).isEqualTo(new Region("UA71060000000030325", "UA71060000000030325", RegionKind.RAION,
                "UA-71", "Уманський район", "Umanskyi raion"));
        assertThat(hromada).isEqualTo(new Region("UA71060210000032972", "UA71060210000032972", RegionKind.HROMADA,
                "UA71060000000030325", "Уманська територіальна громада", "Umanska terytorialna hromada"));
        assertThat(tree.chain(hromada.code())).extracting(Region::code)
                .containsExactly("UA71060210000032972", "UA71060000000030325", "UA-71", "UA");
    }

    @Test
    void everyRegionSitsOneLevelBelowItsParent() {
        for (Region r : tree.all()) {
            if (r.kind() == RegionKind.COUNTRY) {
                continue;
            }
            Region parent = tree.require(r.parentCode());
            assertThat(parent.kind().ordinal()).as(r.code()).isEqualTo(r.kind().ordinal() - 1);
        }
    }

    @Test
    void namesAreTrimmedAndEnglishNamesAreLatin() {
        for (Region r : tree.all()) {
            assertThat(r.nameUk()).as(r.code()).isEqualTo(r.nameUk().strip()).doesNotContain("  ");
            assertThat(r.nameEn()).as(r.code()).matches("[A-Za-z' -]+");
        }
    }

    @Test
    void oblastEnglishNamesMatchTheAlertHistoryDataset() throws IOException {
        // derived_oblasts.csv carries the history dataset's English name of each oblast (empty for Crimea and
        // Sevastopol, which it does not list; "Kyiv City" for Kyiv, which we call Kyiv like geoBoundaries).
        List<String> lines = readLines(RepoFiles.productData("derived_oblasts.csv"), false);
        List<String> header = List.of(lines.get(0).split(","));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", -1);
            String historyName = cols[header.indexOf("vadimkin_name_en")];
            if (historyName.endsWith(" oblast")) {
                assertThat(tree.require(cols[header.indexOf("iso_3166_2")]).nameEn()).isEqualTo(historyName);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(24);
    }

    @Test
    void raionAndHromadaEnglishNamesMatchTheAlertHistoryDataset() throws IOException {
        Set<String> raions = new HashSet<>();
        Set<String> hromadas = new HashSet<>();
        for (String line : readLines(RepoFiles.testResource("data/vadimkin_official_data_en_names.csv"), false)) {
            String[] cols = line.split(",", -1);
            if (cols[1].endsWith(" raion")) {
                raions.add(cols[1]);
            }
            // "m. Kharkiv ta Kharkivska ..." names come from the Ukraine Alarm API, not the codifier: skip them.
            if (cols[2].endsWith(" hromada") && !cols[2].startsWith("m. ")) {
                hromadas.add(cols[2]);
            }
        }
        // Raions renamed in 2024 keep their old name in the history (SOURCES.md, derived_raions.csv).
        raions.removeAll(Set.of("Krasnohradskyi raion", "Novohrad-Volynskyi raion"));
        Set<String> catalogNames = tree.all().stream().map(Region::nameEn).collect(Collectors.toSet());

        assertThat(raions).hasSizeGreaterThan(70);
        assertThat(hromadas).hasSizeGreaterThan(70);
        assertThat(catalogNames).containsAll(raions).containsAll(hromadas);
    }

    @Test
    void stemStripsTheLevelWordInEitherLanguage() {
        assertThat(RegionNames.stem("Umanska terytorialna hromada")).isEqualTo("Umanska");
        assertThat(RegionNames.stem("Уманська територіальна громада")).isEqualTo("Уманська");
        assertThat(RegionNames.stem("Kharkivska oblast")).isEqualTo("Kharkivska");
        assertThat(RegionNames.stem("Уманський район")).isEqualTo("Уманський");
        assertThat(RegionNames.stem("Kyiv")).isEqualTo("Kyiv");
    }

    @Test
    void eachLoadBuildsAFreshCatalog() {
        Map<String, Region> before = new HashMap<>();
        tree.all().forEach(r -> before.put(r.code(), r));
        RegionCatalog again = RegionCatalog.load();

        assertThat(again).isNotSameAs(TestCatalog.get());
        assertThat(again.tree().all()).hasSize(before.size()).allMatch(r -> r.equals(before.get(r.code())));
    }
}
