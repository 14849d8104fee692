package io.tocsin.region;

import java.util.List;

/**
 * How region names are written. Ukrainian names are the codifier's bare name plus the level word; English names
 * are the official transliteration of the whole Ukrainian name, level word included, which is exactly what the
 * alert history dataset uses: "Kharkivska oblast", "Umanskyi raion", "Umanska terytorialna hromada" (the dataset
 * transliterates "територіальна громада" rather than translating it, and so do we, to keep names joinable).
 */
public final class RegionNames {
    public static final String COUNTRY_UK = "Україна";
    public static final String COUNTRY_EN = "Ukraine";

    static final String RAION_UK = " район";
    static final String HROMADA_UK = " територіальна громада";
    static final String OBLAST_UK = " область";

    /** Level words in both languages, longest first so "terytorialna hromada" is not cut at "hromada". */
    private static final List<String> SUFFIXES = List.of(
            HROMADA_UK, Transliterator.latin(HROMADA_UK),
            OBLAST_UK, Transliterator.latin(OBLAST_UK),
            RAION_UK, Transliterator.latin(RAION_UK));

    private RegionNames() {
    }

    static String raionUk(String bareName) {
        return bareName + RAION_UK;
    }

    static String hromadaUk(String bareName) {
        return bareName + HROMADA_UK;
    }

    /** The English name of a Ukrainian name: its transliteration ("Харківська область" → "Kharkivska oblast"). */
    public static String english(String nameUk) {
        return Transliterator.latin(nameUk);
    }

    /**
     * The name without its level word, in either language: "Umanska terytorialna hromada" → "Umanska",
     * "Харківська область" → "Харківська". Names without one (Київ, Автономна Республіка Крим) are returned as is.
     */
    public static String stem(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
