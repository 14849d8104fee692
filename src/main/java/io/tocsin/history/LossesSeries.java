package io.tocsin.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Context for attack reports from the shipped General Staff series (Petro Ivaniuk's dataset, MIT): its counts are
 * cumulative, so a day's figure is the difference from the day before. Only drones ({@code drone}: the General
 * Staff's UAV count, not the Air Force's count of Shahed-type drones shot down) and cruise missiles, destroyed (not
 * launched, and per day, not per attack). Read once, on first use.
 */
public final class LossesSeries {
    static final String RESOURCE = "/data/attacks/petroivaniuk_russia_losses_equipment.json.gz";

    /** One day's destroyed counts; a count the series does not give that day (or the day before) is null. */
    public record Day(LocalDate date, Long drones, Long cruiseMissiles) {
    }

    private final TreeMap<LocalDate, Long[]> cumulative = new TreeMap<>();

    private LossesSeries() {
        try (InputStream raw = LossesSeries.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the losses series " + RESOURCE + " is missing from the jar");
            }
            for (JsonNode d : Json.MAPPER.readTree(new GZIPInputStream(raw))) {
                cumulative.put(LocalDate.parse(d.get("date").asText()), new Long[]{count(d, "drone"),
                        count(d, "cruise missiles")});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static final class Holder {
        static final LossesSeries INSTANCE = new LossesSeries();
    }

    public static LossesSeries shipped() {
        return Holder.INSTANCE;
    }

    private static Long count(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    /** The days in [from, to], each the difference from the previous day in the series. */
    public List<Day> daily(LocalDate from, LocalDate to) {
        List<Day> out = new ArrayList<>();
        for (Map.Entry<LocalDate, Long[]> e : cumulative.subMap(from, true, to, true).entrySet()) {
            Map.Entry<LocalDate, Long[]> before = cumulative.lowerEntry(e.getKey());
            if (before == null || !before.getKey().equals(e.getKey().minusDays(1))) {
                out.add(new Day(e.getKey(), null, null));
                continue;
            }
            out.add(new Day(e.getKey(), diff(e.getValue()[0], before.getValue()[0]),
                    diff(e.getValue()[1], before.getValue()[1])));
        }
        return out;
    }

    private static Long diff(Long now, Long before) {
        return now == null || before == null ? null : now - before;
    }

    public LocalDate first() {
        return cumulative.firstKey();
    }

    public LocalDate last() {
        return cumulative.lastKey();
    }
}
