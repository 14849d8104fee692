package io.tocsin.config;

import io.tocsin.config.Option.Where;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes docs/configuration.md and docs/tocsin.example.toml from {@link Options}, so that neither can say something
 * the code does not do. ConfigDocsTest fails when a committed file differs from what this makes; {@code main}
 * rewrites them: {@code java -cp target/tocsin.jar io.tocsin.config.ConfigDocs docs}.
 */
public final class ConfigDocs {
    public static final String MARKDOWN = "configuration.md";
    public static final String EXAMPLE = "tocsin.example.toml";
    private static final int WIDTH = 116;

    private ConfigDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        Files.writeString(dir.resolve(MARKDOWN), markdown());
        Files.writeString(dir.resolve(EXAMPLE), exampleToml());
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from io.tocsin.config.Options by io.tocsin.config.ConfigDocs: change the declarations, "
                + "not this file. -->\n\n");
        md.append("# Configuration\n\n");
        paragraph(md, "Every option of `tocsin serve` is declared once, in `io.tocsin.config.Options`, with its type, "
                + "default and the reason for the default; the flags, the environment variables, the config file's keys, "
                + "`tocsin serve --help`, this page and [tocsin.example.toml](tocsin.example.toml) are all made from "
                + "that table, and a test fails when this page or the example differs from it.");
        md.append("## Where an option can be set\n\n");
        md.append("One naming rule: `name_with_underscores` in the file, `--name-with-dashes` as a flag, "
                + "`TOCSIN_NAME_WITH_UNDERSCORES` in the environment.\n\n");
        md.append("1. a flag: `tocsin serve --port 9000`\n");
        md.append("2. an environment variable: `TOCSIN_PORT=9000`\n");
        md.append("3. the config file named by `--config FILE` (or `TOCSIN_CONFIG`): `port = 9000`\n");
        md.append("4. the default\n\n");
        paragraph(md, "The first that is set wins. An empty environment variable counts as unset. Lists are "
                + "comma-separated in a flag or variable (a flag may also be repeated) and TOML arrays in the file.");
        md.append("## The config file\n\n");
        paragraph(md, "The file is [TOML](https://toml.io/en/v1.0.0): it is a published standard with one reading of "
                + "every value, it has the types the options need (integers, booleans, strings, arrays: `port = \"8080\"` "
                + "is refused instead of guessed at), comments for saying why a value was chosen, and no indentation "
                + "rules to get wrong. Java properties have no types and no lists, and YAML reads `no` as false and "
                + "`0755` as a number depending on the version.");
        paragraph(md, "Keys are the option names below, at the top level of the file. A key that names no option is "
                + "an error that names it (with the nearest option's name when there is one), as is a value of the "
                + "wrong type or out of range: the server does not start with a file it does not fully understand. "
                + "`tocsin config check FILE` says the same without starting anything (exit 0 when valid, 2 naming "
                + "each bad key or value). An environment variable `TOCSIN_…` that names no option is warned about "
                + "at start, not refused: the environment is shared with the launcher (`TOCSIN_JAVA_OPTS`) and other "
                + "tools.");
        paragraph(md, "Start from the commented example, [tocsin.example.toml](tocsin.example.toml): every line shows "
                + "the default, or an example where the default is none or worked out at start.");
        md.append("## Older names\n\n");
        paragraph(md, "Names from before the naming rule still work; a warning at start says which name to use "
                + "instead. One system property stays without a warning because test harnesses set it: the Maven "
                + "test run's `-Dtocsin.eventLoops=2`, and a benchmark's child JVM (`--server-jvm-args`).");
        md.append("| Older name | Use instead | Warns |\n|---|---|---|\n");
        for (Option<?> o : Options.ALL) {
            for (Alias a : o.aliases()) {
                md.append("| `").append(a.display()).append("` | `").append(o.name()).append("` (")
                        .append(names(o)).append(") | ").append(a.deprecated() ? "yes" : "no (test harness)")
                        .append(" |\n");
            }
        }
        md.append("\n## Options\n\n");
        md.append("| Option | Flag | Environment | Default |\n|---|---|---|---|\n");
        for (Option<?> o : Options.ALL) {
            md.append("| [`").append(o.name()).append("`](#").append(o.name()).append(") | ")
                    .append(o.settable(Where.FLAG) ? "`" + o.flag() + "`" : "—").append(" | ")
                    .append(o.settable(Where.ENV) ? "`" + o.env() + "`" : "—").append(" | ")
                    .append(o.defaultDisplay().replace("|", "\\|").replace("<", "&lt;")).append(" |\n");
        }
        md.append('\n');
        for (Option<?> o : Options.ALL) {
            md.append("### ").append(o.name()).append("\n\n");
            paragraph(md, capitalised(o.description()) + ".");
            md.append("- Type: ").append(o.type().label()).append('\n');
            md.append("- Default: ").append(o.defaultDisplay().replace("<", "&lt;")).append('\n');
            md.append("- Why: ").append(o.reason()).append('\n');
            md.append("- Set by: ").append(names(o)).append('\n');
            if (!o.aliases().isEmpty()) {
                md.append("- Older names: ").append(o.aliases().stream().map(a -> "`" + a.display() + "`"
                        + (a.deprecated() ? " (deprecated)" : " (test harness)")).collect(Collectors.joining(", ")))
                        .append('\n');
            }
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    public static String exampleToml() {
        StringBuilder t = new StringBuilder();
        comment(t, "Tocsin configuration (TOML, https://toml.io). Generated from io.tocsin.config.Options: "
                + "docs/configuration.md says more about each option.");
        comment(t, "Every setting below is commented out and shows its default, or an example where the default is "
                + "none or worked out at start. Use: tocsin serve --config tocsin.toml (or TOCSIN_CONFIG=tocsin.toml). "
                + "Check: tocsin config check tocsin.toml. Flags and TOCSIN_* variables override the file.");
        for (Option<?> o : Options.ALL) {
            if (!o.settable(Where.FILE)) {
                continue;
            }
            t.append('\n');
            comment(t, o.name() + ": " + o.description() + ".");
            comment(t, "Default: " + o.defaultDisplay() + ". Why: " + o.reason() + ".");
            comment(t, "Also: " + names(o).replace("`", "") + ".");
            t.append('#').append(o.name()).append(" = ").append(exampleValue(o)).append('\n');
        }
        return t.toString();
    }

    /** The value the example shows: the default when it is a literal other than "none", else the declared example. */
    static <T> String exampleValue(Option<T> o) {
        boolean literal = o.dflt() != null && o.defaultText() == null
                && !(o.dflt() instanceof java.util.Collection<?> c && c.isEmpty());
        T v = literal ? o.dflt() : o.example();
        if (v == null) {
            v = o.dflt();
        }
        if (v == null) {
            throw new IllegalStateException(o.name() + " needs a default or an example for the example file");
        }
        return o.type().toToml().apply(v);
    }

    private static String names(Option<?> o) {
        List<String> n = new ArrayList<>();
        if (o.settable(Where.FLAG)) {
            n.add("`" + o.flag() + "`");
        }
        if (o.settable(Where.ENV)) {
            n.add("`" + o.env() + "`");
        }
        if (o.settable(Where.FILE)) {
            n.add("`" + o.name() + "` in the file");
        }
        if (o.where().equals(java.util.Set.of(Where.FLAG))) {
            n.add("a flag only");
        }
        return String.join(", ", n);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void paragraph(StringBuilder md, String text) {
        md.append(wrap(text, "")).append('\n');
    }

    private static void comment(StringBuilder t, String text) {
        t.append(wrap(text, "# "));
    }

    /** {@code text} in lines of at most WIDTH characters, each starting with {@code prefix}. */
    static String wrap(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                out.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line.toString().stripTrailing()).append('\n').toString();
    }
}
