package io.tocsin.compat.locations;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The part of a region's name that both catalogues agree on: "м. Вінниця та Вінницька територіальна громада",
 * "Вінницька міська громада" and the codifier's "Вінницька територіальна громада" are all "вінницька".
 */
final class Names {
    /** "м. Кривий Ріг та " — the city a hromada is named after, which the codifier does not repeat. */
    private static final Pattern CITY_PREFIX = Pattern.compile("^м\\. [^ ]+( [^ ]+)? та ");
    private static final Pattern LEVEL_WORDS = Pattern.compile(
            "\\b(територіальна|громада|міська|селищна|сільська|район|область)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private Names() {
    }

    static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('’', '\'').replace('ʼ', '\'').replace('`', '\'').trim();
        n = CITY_PREFIX.matcher(n).replaceFirst("");
        n = n.startsWith("м. ") ? n.substring(3) : n;
        return LEVEL_WORDS.matcher(n).replaceAll(" ").replaceAll("\\s+", " ").trim();
    }
}
