package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option declarations, docs/configuration.md and docs/tocsin.example.toml say the same: both files are exactly
 * what {@link ConfigDocs} makes from the declarations, so changing any one of the three alone fails here.
 */
class ConfigDocsTest {
    private static final Path DOCS = Path.of("docs");
    private static final Path FRESH = Path.of("target", "generated-config-docs");

    private static void assertCommitted(String name, String generated) throws IOException {
        Files.createDirectories(FRESH);
        Files.writeString(FRESH.resolve(name), generated);
        assertThat(Files.readString(DOCS.resolve(name)))
                .as("docs/%s differs from the option declarations (io.tocsin.config.Options); if the declarations are "
                        + "right, cp %s docs/", name, FRESH.resolve(name))
                .isEqualTo(generated);
    }

    @Test
    void theConfigurationDocIsTheOneTheDeclarationsMake() throws IOException {
        assertCommitted(ConfigDocs.MARKDOWN, ConfigDocs.markdown());
    }

    @Test
    void theExampleConfigIsTheOneTheDeclarationsMake() throws IOException {
        assertCommitted(ConfigDocs.EXAMPLE, ConfigDocs.exampleToml());
    }

    @Test
    void theDocNamesEveryOptionWithItsFlagVariableAndDefault() throws IOException {
        String md = Files.readString(DOCS.resolve(ConfigDocs.MARKDOWN));
        for (Option<?> o : Options.ALL) {
            assertThat(md).contains("### " + o.name() + "\n").contains("- Why: " + o.reason() + "\n");
            if (o.settable(Option.Where.FLAG)) {
                assertThat(md).contains("`" + o.flag() + "`");
            }
            if (o.settable(Option.Where.ENV)) {
                assertThat(md).contains("`" + o.env() + "`");
            }
        }
    }

    @Test
    void theExampleWithEveryLineUncommentedIsAValidFileSettingEveryFileKey(@TempDir Path dir) throws IOException {
        String example = Files.readString(DOCS.resolve(ConfigDocs.EXAMPLE));
        Matcher setting = Pattern.compile("(?m)^#([a-z_]+) = ").matcher(example);
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        while (setting.find()) {
            keys.add(setting.group(1));
        }
        assertThat(keys).containsExactlyElementsOf(Options.fileKeys());
        Path uncommented = dir.resolve("all.toml");
        Files.writeString(uncommented, example.replaceAll("(?m)^#([a-z_]+ = )", "$1"));

        ConfigFile file = ConfigFile.read(uncommented);

        assertThat(file.size()).isEqualTo(Options.fileKeys().size());
        io.tocsin.server.ServerConfig.from(Resolver.ofFile(uncommented));
    }
}
