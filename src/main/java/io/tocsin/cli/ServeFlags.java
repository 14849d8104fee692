package io.tocsin.cli;

import io.tocsin.config.Alias;
import io.tocsin.config.Option;
import io.tocsin.config.Options;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serve command's flags, made from {@link Options}: one per option that may be a flag, plus a hidden one per
 * deprecated flag name (so that its use can be warned about). Values are kept as given, as text; the resolver parses
 * them with the environment and the config file, so a bad value reads the same wherever it was written.
 */
final class ServeFlags {
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    /** Adds the flags to {@code spec}. */
    ServeFlags(CommandSpec spec) {
        for (Option<?> o : Options.ALL) {
            if (o.settable(Option.Where.FLAG)) {
                spec.addOption(spec(o, o.flag(), false));
            }
            for (Alias a : o.aliases(Alias.Kind.FLAG)) {
                spec.addOption(spec(o, a.name(), true));
            }
        }
    }

    /** The flags given, by the name used, as text (a list's items joined by commas). */
    Map<String, String> given() {
        Map<String, String> out = new LinkedHashMap<>();
        slots.forEach((name, slot) -> {
            if (slot.value instanceof Collection<?> list) {
                out.put(name, String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (slot.value != null) {
                out.put(name, String.valueOf(slot.value));
            }
        });
        return out;
    }

    private OptionSpec spec(Option<?> o, String name, boolean hidden) {
        Slot slot = new Slot();
        slots.put(name, slot);
        OptionSpec.Builder b = OptionSpec.builder(name).paramLabel("<" + o.name() + ">").hidden(hidden)
                .description(help(o)).setter(slot).getter(slot).hasInitialValue(false);
        if (o.dflt() instanceof Boolean) {
            b.type(String.class).arity("0..1").fallbackValue("true");
        } else if (o.dflt() instanceof List<?>) {
            b.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
        } else {
            b.type(String.class).arity("1");
        }
        return b.build();
    }

    /** The --help line: what it does, the default, and the other places it can be set. */
    static String help(Option<?> o) {
        StringBuilder sb = new StringBuilder(o.description()).append(" (default: ").append(o.defaultDisplay());
        if (o.settable(Option.Where.ENV)) {
            sb.append("; env ").append(o.env());
        }
        if (o.settable(Option.Where.FILE)) {
            sb.append("; file key ").append(o.name());
        }
        if (o.where().equals(java.util.Set.of(Option.Where.FLAG))) {
            sb.append("; a flag only");
        }
        return sb.append(')').toString().replace("%", "%%");
    }

    /** Where picocli puts a flag's value. */
    private static final class Slot implements ISetter, IGetter {
        private Object value;

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T v) {
            Object old = value;
            value = v;
            return (T) old;
        }
    }

    static void install(CommandLine serve) {
        ((ServeCommand) serve.getCommand()).flags = new ServeFlags(serve.getCommandSpec());
    }
}
