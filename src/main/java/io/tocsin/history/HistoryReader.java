package io.tocsin.history;

import io.tocsin.domain.RegionTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads a shipped dataset line by line into {@link HistoryRow}s: each placed on a region or refused with the
 * reason. Nothing is guessed: a raion or hromada that cannot be found is refused, not widened to its oblast (that
 * would count hours of alert for places that had none). The one correction made is the row whose oblast and raion
 * columns are swapped, which is unambiguous.
 */
public final class HistoryReader {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final HistoryNames names;

    public HistoryReader(RegionTree tree) {
        this.names = new HistoryNames(tree);
    }

    List<HistoryRow> read(HistorySource source) {
        List<HistoryRow> out = new ArrayList<>(60_000);
        try (InputStream raw = HistoryReader.class.getResourceAsStream(source.resource())) {
            if (raw == null) {
                throw new IllegalStateException("the dataset " + source.resource() + " is missing from the jar");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
            in.readLine();
            int line = 1;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (!text.isBlank()) {
                    out.add(source == HistorySource.OFFICIAL ? official(line, text) : volunteer(line, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.resource(), e);
        }
        return out;
    }

    /** {@code oblast,raion,hromada,level,started_at,finished_at,source}. */
    private HistoryRow official(int line, String text) {
        String[] f = text.split(",", -1);
        if (f.length != 7) {
            return HistoryRow.refused(line, text, "expected 7 columns, found " + f.length);
        }
        String oblastName = f[0];
        String raionName = f[1];
        String note = null;
        Optional<String> oblast = names.oblast(oblastName);
        if (oblast.isEmpty() && names.oblast(raionName).isPresent()) {
            oblast = names.oblast(raionName);
            raionName = oblastName;
            note = "oblast and raion columns swapped in the source; read the other way round";
        }
        if (oblast.isEmpty()) {
            return HistoryRow.refused(line, text, "unknown oblast '" + oblastName + "'");
        }
        String code = oblast.get();
        String level = f[3];
        if (!level.equals("oblast")) {
            Optional<String> raion = names.raion(code, raionName);
            if (raion.isEmpty()) {
                return HistoryRow.refused(line, text, "no raion '" + raionName + "' in " + oblastName);
            }
            code = raion.get();
            if (level.equals("hromada")) {
                Optional<String> hromada = names.hromada(code, f[2]);
                if (hromada.isEmpty()) {
                    return HistoryRow.refused(line, text, "no hromada '" + f[2] + "' in " + raionName);
                }
                code = hromada.get();
            } else if (!level.equals("raion")) {
                return HistoryRow.refused(line, text, "unknown level '" + level + "'");
            }
        }
        return times(line, text, code, f[4], f[5], note);
    }

    /** {@code region,started_at,finished_at,naive}: oblast level only. */
    private HistoryRow volunteer(int line, String text) {
        String[] f = text.split(",", -1);
        if (f.length != 4) {
            return HistoryRow.refused(line, text, "expected 4 columns, found " + f.length);
        }
        Optional<String> oblast = names.oblast(f[0]);
        if (oblast.isEmpty()) {
            return HistoryRow.refused(line, text, "unknown oblast '" + f[0] + "'");
        }
        return times(line, text, oblast.get(), f[1], f[2],
                f[3].equals("True") ? "no end message seen; the source set the end 30 minutes after the start" : null);
    }

    /**
     * "2022-03-15 16:10:34+00:00": every time in both datasets is written so (UTC); read as ISO-8601 directly, which
     * is several times faster than a pattern. Any other form goes through the pattern, which also reads offsets.
     */
    static Instant instant(String s) {
        if (s.length() == 25 && s.charAt(10) == ' ' && s.endsWith("+00:00")) {
            try {
                return java.time.LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13),
                        digits(s, 14, 16), digits(s, 17, 19)).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException | NumberFormatException e) {
                throw new DateTimeParseException("not a time", s, 0);
            }
        }
        return Instant.from(TIME.parse(s));
    }

    private static int digits(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private static HistoryRow times(int line, String text, String code, String started, String finished, String note) {
        Instant start;
        Instant end;
        try {
            start = instant(started);
            end = instant(finished);
        } catch (DateTimeParseException e) {
            return HistoryRow.refused(line, text, "unreadable time: " + e.getParsedString());
        }
        if (!end.isAfter(start)) {
            return HistoryRow.refused(line, text, "ends at or before its start");
        }
        return HistoryRow.placed(line, text, code, start, end, note);
    }
}
