package io.tocsin.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, read as a scraper would: HELP and TYPE per family, and samples by name and labels. */
record Exposition(String text) {
    private static final Pattern HELP = Pattern.compile("(?m)^# HELP (\\S+) ?(.*)$");
    private static final Pattern TYPE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");

    /** Family name → its HELP text (possibly blank). */
    Map<String, String> help() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HELP.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2).strip());
        }
        return out;
    }

    /** Family name → its type (counter, gauge, histogram, summary). */
    Map<String, String> types() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = TYPE.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Every sample line of {@code name} (exactly that name) whose labels include each of {@code labels}. */
    List<Double> samples(String name, String... labels) {
        List<Double> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String labelPart = line.startsWith(name + "{") ? line.substring(name.length(), line.lastIndexOf('}') + 1) : "";
            boolean all = true;
            for (String l : labels) {
                all &= labelPart.contains(l);
            }
            if (all) {
                out.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return out;
    }

    /** The one sample of {@code name} with these labels, if there is one. */
    OptionalDouble value(String name, String... labels) {
        List<Double> all = samples(name, labels);
        if (all.size() > 1) {
            throw new AssertionError(all.size() + " samples of " + name + " with " + List.of(labels));
        }
        return all.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(all.get(0));
    }
}
