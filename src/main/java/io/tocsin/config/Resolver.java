package io.tocsin.config;

import io.tocsin.config.Option.Where;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves every option: flag, then environment variable (then its older names and JVM system properties), then the
 * config file, then the default. A deprecated name works and is warned about once; an environment variable
 * {@code TOCSIN_…} that names no option is warned about (not refused: the environment is shared with the launcher and
 * other tools); every bad value is collected into one ConfigException naming where it was written.
 */
public final class Resolver {
    /** Variables of the launcher script, not options: no warning for them. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("TOCSIN_JAVA_OPTS");

    private Resolver() {
    }

    /**
     * @param flags      the serve command's flags as given, keyed by the name used ({@code --port}, {@code --cors-origin})
     * @param env        the environment
     * @param properties the JVM system properties
     */
    public static Settings resolve(Map<String, String> flags, Map<String, String> env, Map<String, String> properties) {
        List<String> problems = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        ConfigFile file = null;
        Path configPath = configPath(flags, env, problems);
        if (configPath != null) {
            try {
                file = ConfigFile.read(configPath);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Map<Option<?>, Object> values = new HashMap<>();
        Map<Option<?>, String> sources = new HashMap<>();
        for (Option<?> option : Options.ALL) {
            resolveOne(option, flags, env, properties, file, values, sources, problems, warnings);
        }
        env.keySet().stream().filter(v -> v.startsWith("TOCSIN_")).sorted()
                .filter(v -> Options.byEnv(v).isEmpty() && !LAUNCHER_VARIABLES.contains(v))
                .forEach(v -> warnings.add("environment variable " + v + " names no option and is ignored"
                        + Options.nearest(v.substring("TOCSIN_".length()).toLowerCase(java.util.Locale.ROOT))
                        .map(n -> " (did you mean TOCSIN_" + n.toUpperCase(java.util.Locale.ROOT) + "?)").orElse("")));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(values, sources, new ArrayList<>(warnings));
    }

    /** A config file's options over the defaults, nothing else: what {@code tocsin config check} judges. */
    public static Settings ofFile(Path file) {
        return resolve(Map.of(Options.CONFIG.flag(), file.toString()), Map.of(), Map.of());
    }

    /** The defaults, with the system properties a test harness or a benchmark's child JVM sets. */
    public static Settings ofJvm() {
        return resolve(Map.of(), Map.of(), systemProperties());
    }

    /** This JVM's system properties, as text. */
    public static Map<String, String> systemProperties() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return props;
    }

    private static Path configPath(Map<String, String> flags, Map<String, String> env, List<String> problems) {
        String given = flags.get(Options.CONFIG.flag());
        String source = Options.CONFIG.flag();
        if (given == null && present(env.get(Options.CONFIG.env()))) {
            given = env.get(Options.CONFIG.env());
            source = Options.CONFIG.env();
        }
        if (given == null) {
            return null;
        }
        try {
            return Options.CONFIG.type().fromText().apply(given);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
            return null;
        }
    }

    private static <T> void resolveOne(Option<T> option, Map<String, String> flags, Map<String, String> env,
                                       Map<String, String> properties, ConfigFile file, Map<Option<?>, Object> values,
                                       Map<Option<?>, String> sources, List<String> problems, Set<String> warnings) {
        for (Alias a : option.aliases()) {
            String raw = switch (a.kind()) {
                case FLAG -> flags.get(a.name());
                case ENV -> env.get(a.name());
                case SYSTEM_PROPERTY -> properties.get(a.name());
            };
            if (a.deprecated() && present(raw)) {
                warnings.add(a.display() + " is deprecated: use " + preferred(option));
            }
        }
        List<Candidate> order = new ArrayList<>();
        if (option.settable(Where.FLAG)) {
            order.add(new Candidate(option.flag(), flags.get(option.flag())));
        }
        option.aliases(Alias.Kind.FLAG).forEach(a -> order.add(new Candidate(a.name(), flags.get(a.name()))));
        if (option.settable(Where.ENV)) {
            order.add(new Candidate(option.env(), env.get(option.env())));
        }
        option.aliases(Alias.Kind.ENV).forEach(a -> order.add(new Candidate(a.name(), env.get(a.name()))));
        option.aliases(Alias.Kind.SYSTEM_PROPERTY)
                .forEach(a -> order.add(new Candidate(a.display(), properties.get(a.name()))));
        for (Candidate c : order) {
            if (present(c.raw())) {
                take(option, c.source(), () -> option.type().fromText().apply(c.raw()), values, sources, problems);
                return;
            }
        }
        if (file != null && file.get(option.name()) != null) {
            take(option, file.path() + ": " + option.name(),
                    () -> option.type().fromFile().apply(file.get(option.name())), values, sources, problems);
            return;
        }
        if (option.dflt() != null) {
            values.put(option, option.dflt());
        }
    }

    private static <T> void take(Option<T> option, String source, java.util.function.Supplier<T> parse,
                                 Map<Option<?>, Object> values, Map<Option<?>, String> sources, List<String> problems) {
        try {
            values.put(option, parse.get());
            sources.put(option, source);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
        }
    }

    private static String preferred(Option<?> option) {
        List<String> names = new ArrayList<>();
        Function<Where, Boolean> can = option::settable;
        if (can.apply(Where.FLAG)) {
            names.add(option.flag());
        }
        if (can.apply(Where.ENV)) {
            names.add(option.env());
        }
        if (can.apply(Where.FILE)) {
            names.add(option.name() + " in the config file");
        }
        return String.join(", ", names);
    }

    private static boolean present(String raw) {
        return raw != null && !raw.isBlank();
    }

    private record Candidate(String source, String raw) {
    }
}
