package io.tocsin.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Makes random and mutated request bodies from a seed: valid bodies with one or more things broken, and noise. */
final class BodyFuzzer {
    private static final List<String> SEEDS = List.of(
            "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\",\"stage\":\"alert\",\"status\":\"actual\","
                    + "\"headline\":{\"uk\":\"Тривога\",\"en\":\"Alert\"},\"instruction\":{\"uk\":\"В укриття\",\"en\":\"Shelter\"},"
                    + "\"expires_at\":\"2099-01-01T00:00:00Z\"}",
            "{\"stage\":\"pre_alert\",\"regions\":[\"UA-46\",\"UA-63\"]}",
            "{\"reason\":\"false_alarm\"}",
            "{\"role\":\"operator\",\"scope\":[\"UA-32\"],\"name\":\"x\"}");
    private static final List<String> TOKENS = List.of("null", "true", "-1", "1e309", "0", "\"\"", "[]", "{}",
            "\"UA-99\"", "\"air_raid\"", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "\"2020-13-45T99:99:99Z\"", "99999999999999999999999999999999999999", "\"" + "я".repeat(3000) + "\"",
            "{\"uk\":1}", "[\"UA\"]", "\"exercise\"", "\"expired\"", "NaN", "\"drones\"");

    private final Random random;

    BodyFuzzer(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        int kind = random.nextInt(10);
        String body = switch (kind) {
            case 0 -> randomBytes();
            case 1 -> randomJson(0);
            case 2, 3, 4 -> replaceValue(seed());
            case 5 -> truncate(seed());
            case 6 -> flipCharacters(seed());
            case 7 -> duplicateKey(seed());
            case 8 -> insertField(seed());
            default -> replaceValue(replaceValue(seed()));
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String seed() {
        return SEEDS.get(random.nextInt(SEEDS.size()));
    }

    private String randomBytes() {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private String randomJson(int depth) {
        return switch (depth > 4 ? random.nextInt(3) : random.nextInt(5)) {
            case 0 -> TOKENS.get(random.nextInt(TOKENS.size()));
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> "\"" + Long.toHexString(random.nextLong()) + "\"";
            case 3 -> "[" + randomJson(depth + 1) + "," + randomJson(depth + 1) + "]";
            default -> "{\"" + Long.toHexString(random.nextLong() & 0xff) + "\":" + randomJson(depth + 1) + "}";
        };
    }

    /** Replaces one JSON value (after a colon) with a hostile token. */
    private String replaceValue(String s) {
        int colon = nthIndex(s, ':');
        if (colon < 0) {
            return s;
        }
        int end = colon + 1;
        int nesting = 0;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (c == '{' || c == '[') {
                nesting++;
            } else if (c == '}' || c == ']') {
                if (nesting == 0) {
                    break;
                }
                nesting--;
            } else if (c == ',' && nesting == 0) {
                break;
            }
            end++;
        }
        return s.substring(0, colon + 1) + TOKENS.get(random.nextInt(TOKENS.size())) + s.substring(end);
    }

    private String truncate(String s) {
        return s.substring(0, random.nextInt(s.length()));
    }

    private String flipCharacters(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
        }
        return new String(c);
    }

    private String duplicateKey(String s) {
        return s.replaceFirst("\\{\"(\\w+)\":", "{\"$1\":1,\"$1\":");
    }

    private String insertField(String s) {
        return "{\"" + List.of("regions", "threat", "status", "x", "subtype", "headline").get(random.nextInt(6)) + "\":"
                + randomJson(2) + "," + s.substring(1);
    }

    private int nthIndex(String s, char ch) {
        int count = (int) s.chars().filter(c -> c == ch).count();
        if (count == 0) {
            return -1;
        }
        int n = random.nextInt(count);
        int idx = -1;
        for (int i = 0; i <= n; i++) {
            idx = s.indexOf(ch, idx + 1);
        }
        return idx;
    }
}
