package io.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.Option;
import io.tocsin.config.Options;
import io.tocsin.config.Resolver;
import io.tocsin.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tocsin config check}, {@code tocsin serve --help} and serve's flags, all made from the declarations. */
class ConfigCommandTest {
    private final CapturedCommandLine cli = new CapturedCommandLine();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void configCheckAcceptsAValidFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ok.toml");
        Files.writeString(f, "# production\nport = 9000\npublic_url = \"https://alerts.example.org\"\n");

        assertThat(run("config", "check", f.toString())).isZero();
        assertThat(out.toString()).contains("OK: " + f + " (2 options set)");
    }

    @Test
    void configCheckExitsTwoNamingEveryBadKeyAndValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "port = 70000\nidle_timout = 5\n");

        assertThat(run("config", "check", f.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(f + ": unknown key 'idle_timout' (did you mean 'idle_timeout'?)")
                .doesNotContain("Exception");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Files.writeString(f, "port = 70000\ndb = \"mysql://x\"\n");
        assertThat(run("config", "check", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": port: expected an integer 0..65535, got 70000")
                .contains(f + ": db: expected sqlite:PATH or jdbc:postgresql://…, got 'mysql://x'");
    }

    @Test
    void configCheckOfAMissingFileExitsTwo(@TempDir Path dir) {
        assertThat(run("config", "check", dir.resolve("none.toml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.toml: no such config file");
    }

    @Test
    void serveRefusesAFileWithAnUnknownKeyBeforeStarting(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "colour = \"blue\"\n");

        assertThat(run("serve", "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": unknown key 'colour'").doesNotContain("Exception");
    }

    @Test
    void serveHelpListsEveryFlagWithItsDefault() {
        assertThat(run("serve", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        String squeezed = help.replace(" ", "");
        for (Option<?> o : Options.ALL) {
            if (o.settable(Option.Where.FLAG)) {
                assertThat(help).contains(o.flag());
                assertThat(squeezed).contains(("default:" + o.defaultDisplay()).replace(" ", ""));
            }
        }
        assertThat(help).contains("(default: 8080; env TOCSIN_PORT; file key port)")
                .contains("(default: false; a flag only)").contains("docs/configuration.md")
                .doesNotContain("--cors-origin ");
    }

    @Test
    void serveFlagsReachTheResolverByTheNameUsed() {
        CommandLine cli = Main.commandLine();
        cli.parseArgs("serve", "--port", "0", "--cors-origin", "https://a.example", "--cors-origin",
                "https://b.example", "--accept-broken-chain", "--native-transport", "false");
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();

        Settings s = Resolver.resolve(serve.flags.given(), Map.of(), Map.of());

        assertThat(s.get(Options.PORT)).isZero();
        assertThat(s.get(Options.CORS_ORIGINS)).containsExactly("https://a.example", "https://b.example");
        assertThat(s.get(Options.ACCEPT_BROKEN_CHAIN)).isTrue();
        assertThat(s.get(Options.NATIVE_TRANSPORT)).isFalse();
        assertThat(s.warnings()).singleElement().asString().startsWith("--cors-origin is deprecated");
    }
}
