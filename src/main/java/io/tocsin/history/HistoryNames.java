package io.tocsin.history;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.region.RegionNames;
import io.tocsin.region.Transliterator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset's English names ("Kyivska oblast", "Novomoskovskyi raion", "m. Nikopol ta Nikopolska terytorialna
 * hromada") resolved to Tocsin's regions. Oblasts and raions through the names the dataset itself used (the
 * {@code vadimkin_name_en} columns of the shipped derived tables, which keep the raion names of before the 2024
 * renamings), then through the transliteration of today's and the former Ukrainian names; hromadas by the stem of
 * the name inside their raion ("Nikopolska"), compared as transliterations, so apostrophe variants (', ’, ʼ) agree.
 */
final class HistoryNames {
    private final RegionTree tree;
    private final Map<String, String> oblasts = new HashMap<>();
    /** oblast code + "|" + normalised raion name → raion code. */
    private final Map<String, String> raions = new HashMap<>();

    HistoryNames(RegionTree tree) {
        this.tree = tree;
        for (Region o : tree.ofKind(RegionKind.OBLAST)) {
            oblasts.put(norm(o.nameEn()), o.code());
            for (Region r : tree.children(o.code())) {
                raions.put(o.code() + "|" + norm(r.nameEn()), r.code());
            }
        }
        for (String[] f : csv("/data/derived_oblasts.csv")) {
            tree.find(f[3]).ifPresent(o -> {
                if (!f[9].isEmpty()) {
                    oblasts.put(norm(f[9]), o.code());
                }
            });
        }
        for (String[] f : csv("/data/derived_raions.csv")) {
            Optional<Region> raion = tree.find(f[0]);
            Optional<Region> oblast = tree.find(f[2]);
            if (raion.isEmpty() || oblast.isEmpty()) {
                continue;
            }
            if (!f[8].isEmpty()) {
                raions.put(oblast.get().code() + "|" + norm(f[8]), raion.get().code());
            }
            if (!f[6].isEmpty()) {
                raions.put(oblast.get().code() + "|" + norm(Transliterator.latin(f[6])), raion.get().code());
            }
        }
    }

    /** Lookups by the name as written: a few hundred distinct names recur in 43,000 rows. */
    private final Map<String, Optional<String>> seen = new HashMap<>();

    Optional<String> oblast(String name) {
        return seen.computeIfAbsent("o|" + name, k -> Optional.ofNullable(oblasts.get(norm(name))));
    }

    Optional<String> raion(String oblastCode, String name) {
        return seen.computeIfAbsent("r|" + oblastCode + "|" + name,
                k -> Optional.ofNullable(raions.get(oblastCode + "|" + norm(name))));
    }

    /** Hromada lookups by raion code + "|" + the dataset's name; 130 names recur in 5,600 rows. */
    private final Map<String, Optional<String>> hromadas = new HashMap<>();

    Optional<String> hromada(String raionCode, String name) {
        return hromadas.computeIfAbsent(raionCode + "|" + name, k -> {
            String stem = hromadaStem(name);
            return tree.children(raionCode).stream().filter(h -> hromadaStem(h.nameEn()).equals(stem))
                    .map(Region::code).findFirst();
        });
    }

    /** "m. Nikopol ta Nikopolska terytorialna hromada" → "nikopolska"; "Umanska terytorialna hromada" → "umanska". */
    static String hromadaStem(String name) {
        String n = RegionNames.stem(name.strip());
        int and = n.lastIndexOf(" ta ");
        return norm(and >= 0 ? n.substring(and + 4) : n);
    }

    /** Lower case, apostrophes and spaces around hyphens dropped: the spellings the sources differ by. */
    static String norm(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace("'", "").replace("’", "").replace("ʼ", "")
                .replace(" - ", "-");
    }

    private static List<String[]> csv(String resource) {
        try (InputStream in = HistoryNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            return r.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
