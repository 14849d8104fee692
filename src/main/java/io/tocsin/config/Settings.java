package io.tocsin.config;

import java.util.List;
import java.util.Map;

/**
 * The options' values once resolved, with where each came from (for messages) and the warnings resolution gave
 * (a deprecated name used, an environment variable that names no option).
 */
public final class Settings {
    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, String> sources;
    private final List<String> warnings;

    Settings(Map<Option<?>, Object> values, Map<Option<?>, String> sources, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        this.warnings = List.copyOf(warnings);
    }

    /** The value, or null when the option has no value (a default worked out at start). */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return (T) values.get(option);
    }

    /** The flag, variable, property or file the value came from; "default" when none set it. */
    public String source(Option<?> option) {
        return sources.getOrDefault(option, "default");
    }

    public List<String> warnings() {
        return warnings;
    }
}
