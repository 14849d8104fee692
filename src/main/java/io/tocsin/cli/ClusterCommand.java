package io.tocsin.cli;

import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tocsin cluster}: running several nodes (docs/cluster.md). */
@Command(name = "cluster", mixinStandardHelpOptions = true, subcommands = ClusterCommand.Demo.class,
        description = "Several nodes on one PostgreSQL log and NATS JetStream (docs/cluster.md).")
final class ClusterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("name a subcommand: tocsin cluster demo --nodes 3");
        return Main.USAGE;
    }

    /** Nodes of one cluster in this process, each on its own port, on a schema of their own. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Start nodes of one cluster on this machine's PostgreSQL and NATS and print their URLs.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--nodes", defaultValue = "3", description = "how many nodes, 1..9; default ${DEFAULT-VALUE}")
        int nodes;

        @Option(names = "--db", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                description = "the PostgreSQL server; the demo's log is its schema tocsin_cluster_demo "
                        + "(default ${DEFAULT-VALUE})")
        String db;

        @Option(names = "--cluster", defaultValue = "nats://127.0.0.1:4222",
                description = "the NATS server with JetStream; default ${DEFAULT-VALUE}")
        String nats;

        @Option(names = "--port", defaultValue = "8081",
                description = "port of the first node, the others follow it; 0 = any free; default ${DEFAULT-VALUE}")
        int port;

        @Override
        public Integer call() throws Exception {
            if (nodes < 1 || nodes > 9) {
                System.err.println("--nodes must be 1..9");
                return Main.USAGE;
            }
            String url = db + (db.contains("?") ? "&" : "?") + "currentSchema=tocsin_cluster_demo";
            try (Connection c = DriverManager.getConnection(db); var st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS tocsin_cluster_demo");
            }
            // Every node is given the same checkpoint key (only the lease holder signs with it).
            Path key = Files.createTempDirectory("tocsin-cluster-demo").resolve("checkpoint-key");
            RegionCatalog regions = RegionCatalog.load();
            List<TocsinServer> started = new ArrayList<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(TocsinServer::stop),
                    "tocsin-shutdown"));
            for (int i = 0; i < nodes; i++) {
                ServerConfig config = new ServerConfig("127.0.0.1", port == 0 ? 0 : port + i, url,
                        ServerConfig.Limits.DEFAULT, List.of(), new ServerConfig.Checkpoints(key, null,
                        io.tocsin.config.Options.CHECKPOINT_INTERVAL.dflt(), false))
                        .withCluster(new ServerConfig.Cluster(nats, Duration.ofSeconds(
                                io.tocsin.config.Options.CLUSTER_LEASE.dflt())));
                started.add(new TocsinServer(config, regions, Clock.systemUTC()).start());
            }
            String token = started.get(0).tokens().create(Role.ADMIN, List.of(), "cluster demo", null).bearer();
            StringBuilder out = new StringBuilder("Tocsin cluster demo: " + nodes + " nodes on " + nats + " and "
                    + "PostgreSQL schema tocsin_cluster_demo\n");
            for (int i = 0; i < started.size(); i++) {
                out.append("  node ").append(i + 1).append(": ").append(started.get(i).url()).append('\n');
            }
            out.append("admin token (any node): ").append(token).append('\n')
                    .append("issue on one node, watch another: curl -N ").append(started.get(started.size() - 1)
                            .url()).append("/api/v1/stream\n").append("Ctrl-C stops them.\n");
            System.out.print(out);
            System.out.flush();
            ServeCommandState.markRunning();
            return 0;
        }
    }
}
