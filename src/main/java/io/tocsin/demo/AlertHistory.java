package io.tocsin.demo;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The official 2022–24 air-raid alert history (Vadym Klymenko's dataset, MIT; see NOTICE), shipped gzipped as a
 * resource, with its Ukrainian names resolved to region codes: oblast names as they are, raions by name inside
 * their oblast, hromadas ("м. Нікополь та Нікопольська територіальна громада") by the stem before
 * "територіальна громада" inside their raion.
 */
public final class AlertHistory {
    static final String RESOURCE = "/data/alerts/vadimkin_official_data_uk.csv.gz";
    /**
     * Raions renamed in 2023–24 (from the codifier's former names) and one misspelt hromada: the history keeps the
     * names of its day.
     */
    private static final Map<String, String> RENAMED = Map.of(
            "Володимир-Волинський район", "Володимирський район",
            "Новомосковський район", "Самарівський район",
            "Новоград-Волинський район", "Звягельський район",
            "Сєвєродонецький район", "Сіверськодонецький район",
            "Червоноградський район", "Шептицький район",
            "Красноградський район", "Берестинський район",
            "Гостомелська", "Гостомельська");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final RegionTree tree;

    public AlertHistory(RegionTree tree) {
        this.tree = tree;
    }

    /** The alerts that were active at some moment of {@code day} (UTC), ordered by start; unresolvable rows skipped. */
    public List<HistoryRecord> day(LocalDate day) {
        return day(day, ZoneOffset.UTC);
    }

    /**
     * The alerts that were active at some moment of {@code day} as a calendar day in {@code zone} (the demo uses
     * Kyiv's: its morning is when the waves came), ordered by start; unresolvable rows skipped.
     */
    public List<HistoryRecord> day(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<HistoryRecord> out = new ArrayList<>();
        try (InputStream raw = AlertHistory.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the alert history resource " + RESOURCE + " is missing");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length < 6 || f[4].isEmpty() || f[5].isEmpty()) {
                    continue;
                }
                Instant start = Instant.from(TIME.parse(f[4]));
                Instant end = Instant.from(TIME.parse(f[5]));
                if (start.isBefore(to) && end.isAfter(from)) {
                    resolve(f[0], f[1], f[2]).ifPresent(code -> out.add(new HistoryRecord(code, start, end)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the alert history", e);
        }
        out.sort(Comparator.comparing(HistoryRecord::startedAt));
        return out;
    }

    Optional<String> resolve(String oblast, String raion, String hromada) {
        Optional<Region> o = tree.ofKind(RegionKind.OBLAST).stream()
                .filter(r -> r.nameUk().equals(oblast) || ("м. " + r.nameUk()).equals(oblast)).findFirst();
        if (o.isEmpty()) {
            return Optional.empty();
        }
        if (raion.isEmpty()) {
            return Optional.of(o.get().code());
        }
        String raionName = RENAMED.getOrDefault(raion, raion);
        Optional<Region> r = tree.children(o.get().code()).stream().filter(x -> x.nameUk().equals(raionName)).findFirst();
        if (r.isEmpty()) {
            return Optional.of(o.get().code());
        }
        if (hromada.isEmpty()) {
            return Optional.of(r.get().code());
        }
        String stem = stem(hromada);
        return Optional.of(tree.children(r.get().code()).stream().filter(h -> stem(h.nameUk()).equals(stem))
                .findFirst().orElse(r.get()).code());
    }

    /** "м. Слов'янськ та Слов’янська територіальна громада" → "Слов’янська", apostrophes unified. */
    private static String stem(String name) {
        String n = name.replace("територіальна громада", "").replace('\'', '’').replace('ʼ', '’').trim();
        int and = n.lastIndexOf(" та ");
        String stem = and >= 0 ? n.substring(and + 4).trim() : n;
        return RENAMED.getOrDefault(stem, stem);
    }
}
