package io.tocsin.compat.locations;

import java.util.Locale;
import java.util.Set;

/**
 * The part of a region's name that both catalogues agree on: "м. Вінниця та Вінницька територіальна громада",
 * "Вінницька міська громада" and the codifier's "Вінницька територіальна громада" are all "вінницька". Plain string
 * work, no regular expressions: it runs for every id at start.
 */
final class Names {
    private static final Set<String> LEVEL_WORDS = Set.of("територіальна", "громада", "міська", "селищна", "сільська",
            "район", "область");

    private Names() {
    }

    static String key(String name) {
        String[] words = name.toLowerCase(Locale.ROOT).replace('’', '\'').replace('ʼ', '\'').replace('`', '\'')
                .trim().split(" +");
        int from = 0;
        if (words.length > 0 && words[0].equals("м.")) {
            from = 1;
            // "м. Кривий Ріг та Криворізька …": the city a hromada is named after, which the codifier does not repeat
            for (int i = 2; i <= 3 && i < words.length; i++) {
                if (words[i].equals("та")) {
                    from = i + 1;
                    break;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = from; i < words.length; i++) {
            if (!LEVEL_WORDS.contains(words[i])) {
                out.append(out.isEmpty() ? "" : " ").append(words[i]);
            }
        }
        return out.toString();
    }
}
