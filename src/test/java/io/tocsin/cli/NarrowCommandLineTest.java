package io.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** main() builds only the subcommand it runs (start-up time), and that command behaves as in the full command line. */
class NarrowCommandLineTest {

    @Test
    void argumentsNamingASubcommandBuildOnlyThatOne() {
        assertThat(Main.commandLine(new String[] {"serve", "--port", "0"}).getSubcommands()).containsOnlyKeys("serve");
        assertThat(Main.commandLine(new String[] {"token", "list"}).getSubcommands()).containsOnlyKeys("token");
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet())
                .isEqualTo(Main.commandLine().getSubcommands().keySet())
                .contains("serve", "demo", "token", "audit", "regions", "cap", "bench", "backup", "config");
        assertThat(Main.commandLine(new String[] {"nosuch"}).getSubcommands()).hasSameSizeAs(Main.commandLine().getSubcommands());
    }

    @Test
    void aNarrowedCommandLineStillTurnsAUsersMistakeIntoOneLineAndExitTwo(@TempDir Path dir) {
        Path typo = dir.resolve("typo").resolve("x.db");
        String[] args = {"token", "list", "--db", "sqlite:" + typo};
        CommandLine cli = Main.commandLine(args);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute(args)).isEqualTo(2);
        assertThat(err.toString()).contains("no database at " + typo.toAbsolutePath()).doesNotContain("Exception");
        assertThat(Files.exists(typo)).isFalse();
    }
}
