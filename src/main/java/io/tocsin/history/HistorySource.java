package io.tocsin.history;

import java.util.Locale;

/**
 * The datasets {@code tocsin import history} reads, shipped in the jar (Vadym Klymenko's air-raid sirens dataset,
 * MIT; see NOTICE): the official channel's alerts at oblast, raion and hromada level, and the volunteer channel's
 * (eTryvoga) at oblast level, which starts three weeks earlier.
 */
public enum HistorySource {
    /** 43,031 alerts, 2022-03-15 → 2024-04-22; {@code oblast,raion,hromada,level,started_at,finished_at,source}. */
    OFFICIAL("/data/alerts/vadimkin_official_data_en.csv.gz"),
    /** 54,514 alerts, 2022-02-25 → 2024-10-10; {@code region,started_at,finished_at,naive}, oblast level only. */
    VOLUNTEER("/data/alerts/vadimkin_volunteer_data_en.csv.gz");

    private final String resource;

    HistorySource(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What imported alerts carry in {@code issued_by}: the mark of their source. */
    public String issuer() {
        return "import:" + wire();
    }
}
