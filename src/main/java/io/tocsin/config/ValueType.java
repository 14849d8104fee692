package io.tocsin.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How an option's value is written and read: from a flag or an environment variable (text), and from the config file
 * (a TOML value of one type: a file that says {@code port = "8080"} is refused rather than guessed at).
 *
 * @param label     the type as the docs and error messages name it
 * @param fromText  parses a flag's or variable's text; throws IllegalArgumentException saying what was expected
 * @param fromFile  reads the TOML value; throws IllegalArgumentException naming the expected TOML type
 * @param toToml    writes a value as TOML, for the example file
 * @param toText    writes a value as a flag would take it, for --help and the docs
 */
public record ValueType<T>(String label, Function<String, T> fromText, Function<JsonNode, T> fromFile,
                           Function<T, String> toToml, Function<T, String> toText) {

    /** An integer in {@code min..max}. */
    public static ValueType<Integer> integer(int min, int max) {
        String range = max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
        Function<Long, Integer> inRange = v -> {
            if (v < min || v > max) {
                throw new IllegalArgumentException("expected an integer " + range + ", got " + v);
            }
            return v.intValue();
        };
        return new ValueType<>("integer (" + range + ")", text -> {
            try {
                return inRange.apply(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer " + range + ", got '" + text + "'");
            }
        }, node -> {
            if (!node.isIntegralNumber()) {
                throw new IllegalArgumentException("expected a TOML integer " + range + ", got " + describe(node));
            }
            return inRange.apply(node.asLong());
        }, String::valueOf, String::valueOf);
    }

    /** true or false. */
    public static ValueType<Boolean> bool() {
        return new ValueType<>("boolean", text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        }, node -> {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("expected a TOML boolean (true or false), got " + describe(node));
            }
            return node.booleanValue();
        }, String::valueOf, String::valueOf);
    }

    /** A string that {@code check} accepts (it throws IllegalArgumentException saying why not). */
    public static ValueType<String> string(String label, Function<String, String> check) {
        return new ValueType<>(label, text -> check.apply(text.strip()), node -> {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("expected a TOML string, got " + describe(node));
            }
            return check.apply(node.textValue().strip());
        }, ValueType::quote, s -> s);
    }

    /** A file path. */
    public static ValueType<Path> path() {
        ValueType<String> s = string("path", ValueType::nonEmpty);
        return new ValueType<>("path", t -> Path.of(s.fromText().apply(t)), n -> Path.of(s.fromFile().apply(n)),
                p -> quote(p.toString()), Path::toString);
    }

    /** A list of strings: comma-separated in a flag or variable, a TOML array of strings in the file. */
    public static ValueType<List<String>> strings() {
        return new ValueType<>("list of strings", text -> Arrays.stream(text.split(",")).map(String::strip)
                .filter(v -> !v.isEmpty()).toList(), node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a TOML array of strings, got " + describe(node));
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("expected a TOML array of strings, got an element " + describe(item));
                }
                if (!item.textValue().isBlank()) {
                    out.add(item.textValue().strip());
                }
            }
            return List.copyOf(out);
        }, list -> "[" + String.join(", ", list.stream().map(ValueType::quote).toList()) + "]",
                list -> String.join(",", list));
    }

    /** An absolute http or https URL without query or fragment; a trailing slash is dropped. */
    public static ValueType<String> baseUrl() {
        return string("URL", text -> {
            URI u;
            try {
                u = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("expected an absolute http(s) URL, got '" + text + "'");
            }
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException("expected an absolute http(s) URL without query or fragment, "
                        + "e.g. https://alerts.example.org, got '" + text + "'");
            }
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        });
    }

    static String nonEmpty(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return s;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String describe(JsonNode node) {
        String kind = node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : node.isNumber() ? "a number"
                : node.isArray() ? "an array" : node.isObject() ? "a table" : "a " + node.getNodeType();
        return kind + " " + (node.isTextual() ? quote(node.textValue()) : node.toString());
    }
}
