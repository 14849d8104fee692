package io.tocsin.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The shipped datasets read plainly, line by line, for tests that count and compute on their own. */
public final class RawHistory {
    private RawHistory() {
    }

    /** The data lines (header dropped) of the official or volunteer dataset, split on commas. */
    public static List<String[]> rows(String source) {
        String resource = "/data/alerts/vadimkin_" + source + "_data_en.csv.gz";
        try (InputStream raw = RawHistory.class.getResourceAsStream(resource)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            return in.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
