package io.tocsin.cli;

import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code tocsin serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Tocsin server.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:TOCSIN_HOST:-127.0.0.1}", description = "interface (env TOCSIN_HOST)")
    String host;

    @Option(names = "--port", defaultValue = "${env:TOCSIN_PORT:-8080}", description = "port; 0 = any free (env TOCSIN_PORT)")
    int port;

    @Mixin
    DbOption db = new DbOption();

    @Option(names = "--auth-failures-per-minute", defaultValue = "${env:TOCSIN_AUTH_FAILURES:-10}",
            description = "failed authentications per client address per minute before 429 (env TOCSIN_AUTH_FAILURES)")
    int authFailures;

    @Option(names = "--writes-per-second", defaultValue = "${env:TOCSIN_WRITES_PER_SECOND:-50}",
            description = "authenticated writes per client address per second (env TOCSIN_WRITES_PER_SECOND)")
    int writesPerSecond;

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:TOCSIN_CORS_ORIGINS:-}",
            description = "origins allowed to read the API from a browser; CORS is off when empty (env TOCSIN_CORS_ORIGINS)")
    java.util.List<String> corsOrigins = java.util.List.of();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        TocsinServer server = new TocsinServer(new ServerConfig(host, port, db.url,
                new ServerConfig.Limits(authFailures, writesPerSecond),
                corsOrigins.stream().filter(o -> !o.isBlank()).toList()), RegionCatalog.load(),
                Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tocsin-shutdown"));
        ServeCommandState.markRunning();
        long sinceJvmStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("Tocsin listening on %s (ready in %d ms; %d ms since JVM start)%n", server.url(),
                (System.nanoTime() - t0) / 1_000_000, sinceJvmStart);
        System.out.flush();
        return 0;
    }
}
