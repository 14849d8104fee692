package io.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tocsin} command. */
@Command(name = "tocsin", mixinStandardHelpOptions = true, version = "tocsin 0.1.0",
        description = "Air-raid alert platform: declare alerts, stream them, keep the record.",
        subcommands = {ServeCommand.class, DemoCommand.class, TokenCommand.class, AuditCommand.class,
                RegionsCommand.class, CapCommand.class, BenchCommand.class})
public final class Main {

    public static void main(String[] args) {
        Logging.configure();
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || !ServeCommandState.running()) {
            System.exit(code);
        }
    }
}
