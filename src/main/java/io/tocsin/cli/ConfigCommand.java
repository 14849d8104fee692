package io.tocsin.cli;

import io.tocsin.config.ConfigException;
import io.tocsin.config.ConfigFile;
import io.tocsin.config.Resolver;
import io.tocsin.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tocsin config check FILE}: is this config file one the server would start with? */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files (docs/configuration.md).",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a TOML config file: every key known, every value of its type and range. "
                    + "Exit 0 when valid, 2 naming each bad key or value. The environment and flags are not consulted.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the config file")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                int keys = ConfigFile.read(file).size();
                ServerConfig.from(Resolver.ofFile(file));
                out.println("OK: " + file + " (" + keys + (keys == 1 ? " option" : " options") + " set)");
                out.flush();
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(p -> err.println("tocsin: " + p));
            } catch (IllegalArgumentException e) {
                err.println("tocsin: " + file + ": " + e.getMessage());
            }
            err.flush();
            return Main.USAGE;
        }
    }
}
