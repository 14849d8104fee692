package io.tocsin.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One configuration option, declared once in {@link Options}: the serve command's flag, the environment variable,
 * the config file key, the help text, docs/configuration.md and docs/tocsin.example.toml all come from here.
 * Names follow one rule: {@code name_with_underscores} in the file, {@code --name-with-dashes} as a flag,
 * {@code TOCSIN_NAME_WITH_UNDERSCORES} in the environment.
 *
 * @param name        the file key
 * @param type        how values are read and written
 * @param dflt        the default, or null when it is worked out at start (then {@code defaultText} says how)
 * @param defaultText the default as the docs say it when it is not a literal value; null to print {@code dflt}
 * @param example     a value for the example file when there is no literal default; null to leave it out
 * @param description what it does
 * @param reason      why the default is what it is
 * @param where       where it may be set: flag, environment, file
 * @param aliases     older or harness names it still answers to
 */
public record Option<T>(String name, ValueType<T> type, T dflt, String defaultText, T example, String description,
                        String reason, Set<Where> where, List<Alias> aliases) {
    public enum Where { FLAG, ENV, FILE }

    /** Everywhere: flag, environment and file. */
    public static final Set<Where> EVERYWHERE = EnumSet.allOf(Where.class);

    public Option {
        where = Set.copyOf(where);
        aliases = List.copyOf(aliases);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option names are lower_snake_case: " + name);
        }
    }

    public String flag() {
        return "--" + name.replace('_', '-');
    }

    public String env() {
        return "TOCSIN_" + name.toUpperCase(Locale.ROOT);
    }

    public boolean settable(Where w) {
        return where.contains(w);
    }

    /** The default as help and docs print it. */
    public String defaultDisplay() {
        if (defaultText != null) {
            return defaultText;
        }
        if (dflt == null || dflt instanceof java.util.Collection<?> c && c.isEmpty()) {
            return "none";
        }
        return type.toText().apply(dflt);
    }

    public List<Alias> aliases(Alias.Kind kind) {
        return aliases.stream().filter(a -> a.kind() == kind).toList();
    }
}
