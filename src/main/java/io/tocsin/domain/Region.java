package io.tocsin.domain;

import java.util.Objects;

/**
 * One unit of the administrative tree.
 *
 * @param code       the public code: ISO 3166-2 for oblast-level units (UA-32), KATOTTH for raions and hromadas
 * @param katotth    the KATOTTH code (for every level but the country)
 * @param kind       the level
 * @param parentCode the parent's public code, null for the country
 * @param nameUk     the official Ukrainian name
 * @param nameEn     the English name by the official transliteration (CMU resolution 55 of 2010)
 */
public record Region(String code, String katotth, RegionKind kind, String parentCode, String nameUk, String nameEn) {
    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nameUk, "nameUk");
        Objects.requireNonNull(nameEn, "nameEn");
    }
}
