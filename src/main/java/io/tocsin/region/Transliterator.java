package io.tocsin.region;

/**
 * Ukrainian → Latin by the official table of Cabinet of Ministers resolution No. 55 of 27 January 2010, the system
 * used for passports, road signs and the alert history dataset ("Umanska terytorialna hromada").
 *
 * <p>The resolution's position rules: Є, Ї, Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start of a word and ie,
 * i, i, iu, ia elsewhere; the pair зг is written zgh (to tell it from the letter ж = zh); the soft sign and the
 * apostrophe are not written. Characters outside the Ukrainian alphabet pass through unchanged.
 *
 * <p>Case: a capital letter that becomes several Latin letters is written in title case (Щ → Shch) unless the
 * word is in capitals around it (ЩО → SHCHO), so title-case and all-caps input both come out as expected.
 */
public final class Transliterator {
    private Transliterator() {
    }

    /** Transliterates Ukrainian text; null stays null. */
    public static String latin(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char lower = Character.toLowerCase(c);
            if (isApostrophe(c) && i > 0 && i + 1 < n && Character.isLetter(text.charAt(i - 1))
                    && Character.isLetter(text.charAt(i + 1))) {
                continue; // a word-internal apostrophe (Знам'янка) is not written; a quote mark is kept
            }
            String latin = latinOf(lower, text, i);
            if (latin == null) {
                out.append(c);
                continue;
            }
            if (latin.isEmpty() || c == lower) {
                out.append(latin);
            } else if (latin.length() == 1 || allCapsAround(text, i)) {
                out.append(latin.toUpperCase(java.util.Locale.ROOT));
            } else {
                out.append(Character.toUpperCase(latin.charAt(0))).append(latin, 1, latin.length());
            }
        }
        return out.toString();
    }

    /** The Latin spelling of one lower-case letter at position {@code i}, or null when it is not Ukrainian. */
    private static String latinOf(char lower, String text, int i) {
        boolean wordStart = isWordStart(text, i);
        return switch (lower) {
            case 'а' -> "a";
            case 'б' -> "b";
            case 'в' -> "v";
            case 'г' -> i > 0 && Character.toLowerCase(text.charAt(i - 1)) == 'з' ? "gh" : "h";
            case 'ґ' -> "g";
            case 'д' -> "d";
            case 'е' -> "e";
            case 'є' -> wordStart ? "ye" : "ie";
            case 'ж' -> "zh";
            case 'з' -> "z";
            case 'и' -> "y";
            case 'і' -> "i";
            case 'ї' -> wordStart ? "yi" : "i";
            case 'й' -> wordStart ? "y" : "i";
            case 'к' -> "k";
            case 'л' -> "l";
            case 'м' -> "m";
            case 'н' -> "n";
            case 'о' -> "o";
            case 'п' -> "p";
            case 'р' -> "r";
            case 'с' -> "s";
            case 'т' -> "t";
            case 'у' -> "u";
            case 'ф' -> "f";
            case 'х' -> "kh";
            case 'ц' -> "ts";
            case 'ч' -> "ch";
            case 'ш' -> "sh";
            case 'щ' -> "shch";
            case 'ь' -> "";
            case 'ю' -> wordStart ? "yu" : "iu";
            case 'я' -> wordStart ? "ya" : "ia";
            default -> null;
        };
    }

    /** A word starts after anything that is neither a letter nor a word-internal apostrophe (so Мар'янівка is one word). */
    private static boolean isWordStart(String text, int i) {
        if (i == 0) {
            return true;
        }
        char prev = text.charAt(i - 1);
        if (isApostrophe(prev)) {
            return i < 2 || !Character.isLetter(text.charAt(i - 2));
        }
        return !Character.isLetter(prev);
    }

    /** All caps when the neighbouring letter is a capital too: the next one, or the previous one at a word's end. */
    private static boolean allCapsAround(String text, int i) {
        if (i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
            return Character.isUpperCase(text.charAt(i + 1));
        }
        return i > 0 && Character.isLetter(text.charAt(i - 1)) && Character.isUpperCase(text.charAt(i - 1));
    }

    /** ASCII apostrophe, right single quotation mark and modifier letter apostrophe: all three occur in real data. */
    static boolean isApostrophe(char c) {
        return c == '\'' || c == '’' || c == 'ʼ';
    }
}
