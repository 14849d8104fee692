package io.tocsin.bench.fanout;

import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Tocsin server the fan-out benchmark starts as a child process, so the server's sockets, heap and RSS are its
 * own and not mixed with the load client's. It is the product's {@link TocsinServer}, unchanged, plus a tiny
 * control channel on stdin/stdout:
 * <ul>
 *   <li>on start it prints {@code READY <url> <bearer token> <pid>} (an admin token made for the run);</li>
 *   <li>{@code STATS} prints {@code STATS <heap used bytes> <VmRSS bytes> <hub subscribers>};
 *       {@code STATS GC} first runs two full collections, so the heap figure is what is live;</li>
 *   <li>end of input (the parent went away) or {@code EXIT} stops the server and the process.</li>
 * </ul>
 * Usage: {@code java -Xmx2g -cp <classpath> io.tocsin.bench.fanout.ChildServer <sqlite:PATH>}
 */
public final class ChildServer {
    /** The benchmark is the server's only client: its rate limits would only measure themselves. */
    static final ServerConfig.Limits BENCH_LIMITS = new ServerConfig.Limits(1_000, 1_000_000);
    /** The benchmark's subscribers come from a handful of loopback addresses, thousands each: no per-address cap. */
    static final ServerConfig.Connections BENCH_CONNECTIONS = new ServerConfig.Connections(0,
            ServerConfig.Connections.DEFAULT.reserve(), Integer.MAX_VALUE, 10, 60);

    private static final Logger QUIET_NETTY = Logger.getLogger("io.netty");
    private static final Logger QUIET_HIKARI = Logger.getLogger("com.zaxxer.hikari");

    private ChildServer() {
    }

    public static void main(String[] args) throws IOException {
        QUIET_NETTY.setLevel(Level.WARNING);
        QUIET_HIKARI.setLevel(Level.WARNING);
        String db = args.length > 0 ? args[0] : "sqlite:" + Files.createTempDirectory("tocsin-fanout").resolve("b.db");
        // PostgreSQL needs the checkpoint key named: the second argument, else a key of this run's own.
        java.nio.file.Path key = args.length > 1 ? java.nio.file.Path.of(args[1])
                : db.startsWith("jdbc:postgresql:") ? Files.createTempDirectory("tocsin-child").resolve("checkpoint-key") : null;
        TocsinServer server = new TocsinServer(new ServerConfig("127.0.0.1", 0, db, BENCH_LIMITS, java.util.List.of(),
                new ServerConfig.Checkpoints(key, null, 100, false)).withConnections(BENCH_CONNECTIONS), RegionCatalog.load(),
                Clock.systemUTC()).start();
        TokenStore.Created token = server.tokens().create(Role.ADMIN, List.of(), "fan-out benchmark", null);
        System.out.println("READY " + server.url() + " " + token.bearer() + " " + ProcessHandle.current().pid());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
                if (line.startsWith("STATS")) {
                    long[] s = stats(line.contains("GC"), server.hub().subscribers());
                    System.out.println("STATS " + s[0] + " " + s[1] + " " + s[2]);
                    System.out.flush();
                }
            }
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    /** Heap used (after full collections when {@code gc}), VmRSS of this process, and {@code subscribers}. */
    static long[] stats(boolean gc, long subscribers) {
        if (gc) {
            for (int i = 0; i < 2; i++) {
                System.gc();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new long[] {heap, rss(Path.of("/proc/self/status")), subscribers};
    }

    /** VmRSS from a /proc/PID/status file, in bytes, or -1 when unreadable (not Linux). */
    static long rss(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
