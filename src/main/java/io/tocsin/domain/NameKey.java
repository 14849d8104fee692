package io.tocsin.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form names are compared in: case-insensitive, apostrophe-insensitive (Ukrainian names are written with ',
 * ’, ʼ or none at all: "Кам'янське", "Камʼянське", "Kamianske"), hyphens as spaces, spaces collapsed.
 */
public final class NameKey {
    private NameKey() {
    }

    public static String of(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '’' || c == 'ʼ' || c == '`' || c == '‘' || c == '′' || c == 'ʹ') {
                continue;
            }
            if (c == '-' || c == '‐' || c == '–' || Character.isWhitespace(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            out.append(c);
            space = false;
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** True when {@code key} starts with {@code query}, or one of its words does (both already in key form). */
    public static boolean wordPrefix(String key, String query) {
        if (key.startsWith(query)) {
            return true;
        }
        for (int i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) {
            if (key.startsWith(query, i + 1)) {
                return true;
            }
        }
        return false;
    }
}
