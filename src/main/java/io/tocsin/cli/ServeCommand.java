package io.tocsin.cli;

import io.tocsin.audit.StartRefusedException;
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
            description = "failed authentications per client address per minute; past it failing attempts get 429, "
                    + "valid tokens are still served (env TOCSIN_AUTH_FAILURES)")
    int authFailures;

    @Option(names = "--writes-per-second", defaultValue = "${env:TOCSIN_WRITES_PER_SECOND:-50}",
            description = "authenticated writes per token per second (env TOCSIN_WRITES_PER_SECOND)")
    int writesPerSecond;

    @Option(names = "--max-connections", defaultValue = "${env:TOCSIN_MAX_CONNECTIONS:-0}",
            description = "connections served normally; 0 = the descriptor limit less a headroom and the reserve "
                    + "(env TOCSIN_MAX_CONNECTIONS)")
    int maxConnections;

    @Option(names = "--reserve-connections", defaultValue = "${env:TOCSIN_RESERVE_CONNECTIONS:-64}",
            description = "connections past the maximum that still serve /health, /ready and requests with a token "
                    + "(env TOCSIN_RESERVE_CONNECTIONS)")
    int reserveConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "${env:TOCSIN_MAX_CONNECTIONS_PER_ADDRESS:-512}",
            description = "connections from one client address; trusted proxies exempt (env TOCSIN_MAX_CONNECTIONS_PER_ADDRESS)")
    int maxConnectionsPerAddress;

    @Option(names = "--header-timeout", defaultValue = "${env:TOCSIN_HEADER_TIMEOUT:-10}",
            description = "seconds for a request's headers, and then for its body, to arrive (env TOCSIN_HEADER_TIMEOUT)")
    int headerTimeout;

    @Option(names = "--idle-timeout", defaultValue = "${env:TOCSIN_IDLE_TIMEOUT:-60}",
            description = "seconds a connection may wait between requests; streams are exempt (env TOCSIN_IDLE_TIMEOUT)")
    int idleTimeout;

    @Option(names = "--trusted-proxies", split = ",", defaultValue = "${env:TOCSIN_TRUSTED_PROXIES:-}",
            description = "CIDRs of proxies whose Forwarded / X-Forwarded-For is believed; none by default "
                    + "(env TOCSIN_TRUSTED_PROXIES)")
    java.util.List<String> trustedProxies = java.util.List.of();

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:TOCSIN_CORS_ORIGINS:-}",
            description = "origins allowed to read the API from a browser; CORS is off when empty (env TOCSIN_CORS_ORIGINS)")
    java.util.List<String> corsOrigins = java.util.List.of();

    @Option(names = "--checkpoint-key", defaultValue = "${env:TOCSIN_CHECKPOINT_KEY}",
            description = "PKCS#8 Ed25519 key that signs checkpoints, made if absent; default beside an SQLite file, "
                    + "required for PostgreSQL (env TOCSIN_CHECKPOINT_KEY)")
    java.nio.file.Path checkpointKey;

    @Option(names = "--checkpoint-file", defaultValue = "${env:TOCSIN_CHECKPOINT_FILE}",
            description = "where signed checkpoints are appended; default beside the SQLite file, else the key's "
                    + "path + .checkpoints (env TOCSIN_CHECKPOINT_FILE)")
    java.nio.file.Path checkpointFile;

    @Option(names = "--checkpoint-interval", defaultValue = "${env:TOCSIN_CHECKPOINT_INTERVAL:-100}",
            description = "events between signed checkpoints (env TOCSIN_CHECKPOINT_INTERVAL)")
    int checkpointInterval;

    @Option(names = "--accept-broken-chain",
            description = "start even though the log fails its audit (broken chain, lost tail, unreadable event); "
                    + "logged at every start, no environment variable")
    boolean acceptBrokenChain;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        TocsinServer server;
        try {
            server = new TocsinServer(new ServerConfig(host, port, db.url,
                    new ServerConfig.Limits(authFailures, writesPerSecond),
                    corsOrigins.stream().filter(o -> !o.isBlank()).toList(),
                    new ServerConfig.Checkpoints(checkpointKey, checkpointFile, checkpointInterval, acceptBrokenChain),
                    new ServerConfig.Connections(maxConnections, reserveConnections, maxConnectionsPerAddress,
                            headerTimeout, idleTimeout),
                    trustedProxies.stream().filter(p -> !p.isBlank()).toList()),
                    RegionCatalog.load(), Clock.systemUTC()).start();
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
