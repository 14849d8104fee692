package io.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code tocsin} command. */
@Command(name = "tocsin", mixinStandardHelpOptions = true, version = "tocsin 0.1.0",
        description = "Air-raid alert platform: declare alerts, stream them, keep the record.")
public final class Main {
    /** Exit code of a usage mistake the user can fix (a wrong path, a port in use): one line, no stack trace. */
    static final int USAGE = 2;

    /** The subcommands, in the order --help lists them; each is named by its own @Command. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, DemoCommand.class,
            TokenCommand.class, AuditCommand.class, RegionsCommand.class, CapCommand.class, BenchCommand.class,
            BackupCommand.class, ConfigCommand.class, ImportCommand.class, StartupTrainingCommand.class,
            ClusterCommand.class);

    public static void main(String[] args) {
        CatalogPreload.startFor(args);
        Logging.configure();
        int code = commandLine(args).execute(args);
        if (code != 0 || !ServeCommandState.running()) {
            System.exit(code);
        }
    }

    /** The whole command line as {@link #main} runs it (tests run commands through it too). */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for these arguments: when they start with a subcommand's name, only that subcommand is
     * built. Picocli builds a model of every option of every command it is given, which took a large part of
     * start-up (hundreds of milliseconds of a server's start); anything else (--help, a typo) gets them all.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) {
                    return withSubcommands(List.of(c));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new Main());
        subcommands.forEach(cli::addSubcommand);
        CommandLine serve = cli.getSubcommands().get("serve");
        if (serve != null) {
            ServeFlags.install(serve);
        }
        // Set after the subcommands are added: picocli passes a setting on to the subcommands it has then.
        return cli.setExecutionExceptionHandler(Main::expectedFailure);
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
