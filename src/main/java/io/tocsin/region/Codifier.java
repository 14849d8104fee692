package io.tocsin.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the official KATOTTH codifier (Minregion, CSV: five code columns, a category letter and a name): the levels
 * alerts are declared for — oblast-level units (O, K), raions (P) and hromadas (H) — and the settlements (cities M,
 * towns X, villages C), which only name search uses. City districts (B) are skipped.
 */
final class Codifier {
    /**
     * One unit: its own KATOTTH code, its parent's KATOTTH code (null for O/K; a settlement's is its hromada) and
     * the bare name ("Уманська").
     */
    record Entry(char category, String katotth, String parentKatotth, String name) {
        boolean isSettlement() {
            return category == 'M' || category == 'X' || category == 'C';
        }
    }

    private static final int CODE_COLUMNS = 5;
    private static final int CATEGORY = 5;
    private static final int NAME = 6;

    private Codifier() {
    }

    /** Reads a gzip-compressed codifier; the stream is closed. */
    static List<Entry> readGzip(InputStream gz) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(gz, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the KATOTTH codifier", e);
        }
    }

    static List<Entry> read(BufferedReader in) throws IOException {
        List<Entry> entries = new ArrayList<>(2_000);
        String header = in.readLine();
        if (header == null || !header.replace("\uFEFF", "").startsWith("Перший рівень;")) {
            throw new IllegalStateException("not a KATOTTH codifier: header " + header);
        }
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String[] cols = line.split(";", -1);
            if (cols.length < NAME + 1 || cols[CATEGORY].length() != 1) {
                if (line.isBlank()) {
                    continue;
                }
                throw new IllegalStateException("codifier line " + lineNo + " is malformed: " + line);
            }
            char category = cols[CATEGORY].charAt(0);
            if ("OKPHMXC".indexOf(category) < 0) {
                continue;
            }
            // The unit's own code is the deepest filled code column; its parent's is the one before it.
            int depth = 0;
            while (depth < CODE_COLUMNS && !cols[depth].isEmpty()) {
                depth++;
            }
            if (depth == 0) {
                throw new IllegalStateException("codifier line " + lineNo + " has no code: " + line);
            }
            String own = cols[depth - 1];
            String parent = depth >= 2 ? cols[depth - 2] : null;
            // H names carry a trailing space in the source.
            entries.add(new Entry(category, own, parent, cols[NAME].strip()));
        }
        return entries;
    }
}
