package io.tocsin.domain;

/** The levels of Ukraine's administrative tree, from the top down. */
public enum RegionKind {
    COUNTRY, OBLAST, RAION, HROMADA;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
