package io.tocsin.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code derived_oblasts.csv}: the 27 oblast-level units with their ISO 3166-2 codes and full Ukrainian
 * names. The ISO code cannot be computed from KATOTTH (Crimea 01 → UA-43, Luhansk 44 → UA-09, Chernivtsi
 * 73 → UA-77, Kyiv 80 → UA-30, Sevastopol 85 → UA-40), hence the table.
 */
final class OblastTable {
    /** One row: KATOTTH, ISO 3166-2 and the full Ukrainian name ("Харківська область", "Київ"). */
    record Row(String katotth, String iso, String nameUk) {
    }

    private OblastTable() {
    }

    /** Rows keyed by KATOTTH code; the stream is closed. */
    static Map<String, Row> read(InputStream csv) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(header.replace("\uFEFF", "").split(","));
            int katotth = columns.indexOf("katotth");
            int iso = columns.indexOf("iso_3166_2");
            int name = columns.indexOf("name_uk");
            if (katotth < 0 || iso < 0 || name < 0) {
                throw new IllegalStateException("derived_oblasts.csv lacks katotth/iso_3166_2/name_uk: " + header);
            }
            Map<String, Row> rows = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // The file holds no quoted fields (no name contains a comma), so a plain split is exact.
                String[] cols = line.split(",", -1);
                Row row = new Row(cols[katotth].strip(), cols[iso].strip(), cols[name].strip());
                rows.put(row.katotth(), row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read derived_oblasts.csv", e);
        }
    }
}
