package io.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tocsin} command. */
@Command(name = "tocsin", mixinStandardHelpOptions = true, version = "tocsin 0.1.0",
        description = "Air-raid alert platform: declare alerts, stream them, keep the record.",
        subcommands = {ServeCommand.class, DemoCommand.class, TokenCommand.class, AuditCommand.class,
                RegionsCommand.class, CapCommand.class, BenchCommand.class, BackupCommand.class, ConfigCommand.class,
                StartupTrainingCommand.class})
public final class Main {
    /** Exit code of a usage mistake the user can fix (a wrong path, a port in use): one line, no stack trace. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        Logging.configure();
        int code = commandLine().execute(args);
        if (code != 0 || !ServeCommandState.running()) {
            System.exit(code);
        }
    }

    /** The whole command line as {@link #main} runs it (tests run commands through it too). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main()).setExecutionExceptionHandler(Main::expectedFailure);
        ServeFlags.install(cli.getSubcommands().get("serve"));
        return cli;
    }

    /** Mistakes a user can fix are one line and exit 2; anything else is picocli's usual report. */
    private static int expectedFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof io.tocsin.db.Database.MissingDatabaseException || e instanceof io.tocsin.server.PortInUseException) {
            cmd.getErr().println("tocsin: " + e.getMessage());
            return USAGE;
        }
        if (e instanceof io.tocsin.config.ConfigException c) {
            c.problems().forEach(p -> cmd.getErr().println("tocsin: " + p));
            return USAGE;
        }
        throw e;
    }
}
