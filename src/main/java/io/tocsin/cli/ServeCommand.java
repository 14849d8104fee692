package io.tocsin.cli;

import io.tocsin.audit.StartRefusedException;
import io.tocsin.config.ConfigException;
import io.tocsin.config.Resolver;
import io.tocsin.config.Settings;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code tocsin serve}: runs the server until the process is stopped. Its flags are made from the option
 * declarations (io.tocsin.config.Options) by {@link ServeFlags}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, description = "Run the Tocsin server.",
        footer = {"", "Every option can also be set in the environment (TOCSIN_NAME_WITH_UNDERSCORES) or in a TOML file "
                + "(--config FILE, keys name_with_underscores). A flag wins over the environment, the environment "
                + "over the file, the file over the default. Check a file with: tocsin config check FILE. "
                + "All options, and why each default is what it is: docs/configuration.md."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Filled in by {@link ServeFlags#install} when the command line is made. */
    ServeFlags flags;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            Settings settings = Resolver.resolve(flags.given(), System.getenv(), Resolver.systemProperties());
            settings.warnings().forEach(w -> err.println("tocsin: warning: " + w));
            config = ServerConfig.from(settings);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("tocsin: " + p));
            err.flush();
            return Main.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("tocsin: " + e.getMessage());
            err.flush();
            return Main.USAGE;
        }
        err.flush();
        long t0 = System.nanoTime();
        TocsinServer server;
        try {
            server = new TocsinServer(config, CatalogPreload.take(), Clock.systemUTC()).start();
        } catch (StartRefusedException e) {
            // A refusal is an answer for the operator, not a crash: the message names the seq and the way on.
            System.err.println("tocsin: " + e.getMessage());
            return 3;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tocsin-shutdown"));
        ServeCommandState.markRunning();
        long sinceJvmStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("Tocsin listening on %s (ready in %d ms; %d ms since JVM start)%n", server.url(),
                (System.nanoTime() - t0) / 1_000_000, sinceJvmStart);
        System.out.flush();
        return 0;
    }
}
