package io.tocsin.cli;

import io.tocsin.bench.fanout.FanoutBench;
import io.tocsin.bench.fanout.ServerWarmUp;
import io.tocsin.bench.fanout.Target;
import io.tocsin.bench.fanout.TocsinUnderTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tocsin bench fanout}: time from issuing one alert until N subscribers have it, against peers. */
@Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fan-out time-to-all: open N SSE or WebSocket subscribers, publish one event per round and "
                + "time every subscriber's receipt (first, p50, p99, all; median over rounds).",
                "With --compare, peers (nchan, the raw NIO floor) are measured in the same run, rounds alternating, "
                        + "and the ratios Tocsin / peer are printed. See docs/benchmarks.md."},
        footer = {"", "Examples:",
                "  tocsin bench fanout -n 5000 --compare floor=http://127.0.0.1:8099/ "
                        + "nchan=http://127.0.0.1:8090/sub/alerts,http://127.0.0.1:8090/pub/alerts",
                "  tocsin bench fanout -n 18000 --transport ws --compare "
                        + "nchan=http://127.0.0.1:8090/sub/alerts,http://127.0.0.1:8090/pub/alerts",
                "  tocsin bench fanout -n 18000 --memory"})
final class FanoutCommand implements Callable<Integer> {
    @Option(names = "--server-warmup", defaultValue = "500",
            description = "alerts issued to a freshly started Tocsin before the run, so its issue path is compiled "
                    + "as on a server that has been running (peers need none)")
    int serverWarmup;

    @Option(names = {"-n", "--subscribers"}, defaultValue = "5000", description = "subscribers per target (${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--transport", defaultValue = "sse", description = "sse or ws (${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--rounds", defaultValue = "9", description = "measured rounds per target (${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "unmeasured rounds per target first (${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--tocsin", defaultValue = "child", paramLabel = "child|embedded|none|URL",
            description = "the Tocsin measured: a child JVM on a fresh SQLite file (default), in this JVM, none "
                    + "(peers only), or a running server's base URL (with --token)")
    String tocsin;

    @Option(names = "--token", description = "bearer token of an operator/admin, for --tocsin URL")
    String token;

    @Option(names = "--filter", paramLabel = "QUERY",
            description = "query for Tocsin's stream URL, e.g. regions=UA-32 (default: everything)")
    String filter;

    @Option(names = "--compare", arity = "1..*", paramLabel = "NAME[@sse|@ws]=SUB_URL[,PUB_URL]",
            description = "peers measured in the same run; the publish URL defaults to the subscribe URL")
    List<String> compare = new ArrayList<>();

    @Option(names = "--memory", description = "instead of rounds: heap and RSS per idle subscriber of Tocsin")
    boolean memory;

    @Option(names = "--batch", defaultValue = "1000", description = "connections opened per batch (${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--sources", defaultValue = "4",
            description = "client source addresses 127.0.0.2.. used round-robin (${DEFAULT-VALUE})")
    int sources;

    @Option(names = "--client-threads", defaultValue = "1", description = "selector threads of the client (${DEFAULT-VALUE})")
    int clientThreads;

    @Option(names = "--pause-ms", defaultValue = "1000", description = "pause after each round (${DEFAULT-VALUE})")
    long pauseMs;

    @Option(names = "--timeout-ms", defaultValue = "30000",
            description = "a round or a batch of opens taking longer fails (${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = "--reconnect", description = "reopen the subscribers for every round (automatic when all "
            + "targets' subscribers do not fit in this process's sockets at once)")
    boolean reconnect;

    @Option(names = "--message-bytes", defaultValue = "400",
            description = "a peer's message size; Tocsin's alert.issued JSON is about 420 bytes (${DEFAULT-VALUE})")
    int messageBytes;

    @Option(names = "--server-jvm-args", defaultValue = "-Xmx2g " + JvmDefaults.SERVER, paramLabel = "ARGS",
            description = "JVM options of the child Tocsin, space-separated (${DEFAULT-VALUE})")
    String serverJvmArgs;

    @Option(names = "--server-db", paramLabel = "URL",
            description = "database of the child or embedded Tocsin (default: a fresh SQLite file in a temporary "
                    + "directory; e.g. sqlite:/dev/shm/b.db takes the disk's fsync out of the figures)")
    String serverDb;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "class path of the child Tocsin (default: this JVM's, e.g. target/tocsin.jar)")
    String classpath;

    @Override
    public Integer call() throws Exception {
        Target.Transport t = Target.Transport.parse(transport);
        FanoutBench.Options options = new FanoutBench.Options(subscribers, rounds, warmup, batch, sources,
                clientThreads, pauseMs, timeoutMs, reconnect, messageBytes);
        FanoutBench bench = new FanoutBench(options, System.out);
        List<Target> targets = new ArrayList<>();
        TocsinUnderTest server = startTocsin();
        try {
            if (server != null) {
                System.out.println("tocsin: " + server.describe() + " at " + server.url());
                if (serverWarmup > 0 && !(server instanceof TocsinUnderTest.External)) {
                    ServerWarmUp.run(server.url(), server.token(), serverWarmup);
                    System.out.printf("tocsin: warmed up with %,d alerts issued before any subscriber connected%n",
                            serverWarmup);
                }
                targets.add(Target.tocsin("tocsin", server.url(), server.token(), t, filter));
            }
            if (memory) {
                if (server == null || server instanceof TocsinUnderTest.External) {
                    System.err.println("--memory needs --tocsin child or embedded (it reads the server's heap and RSS)");
                    return 2;
                }
                bench.idleMemory(server, targets.get(0));
                return 0;
            }
            for (String spec : compare) {
                targets.add(Target.parsePeer(spec, t));
            }
            if (targets.isEmpty()) {
                System.err.println("nothing to measure: give --tocsin or --compare");
                return 2;
            }
            FanoutBench.Result r = bench.run(targets,
                    server instanceof TocsinUnderTest.Embedded ? 1 : 0);
            boolean clean = r.summaries().stream().allMatch(s -> s.incomplete() == 0)
                    && r.events().values().stream().allMatch(e -> e[1] == e[0] && e[2] == e[0]);
            return clean ? 0 : 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private TocsinUnderTest startTocsin() {
        return switch (tocsin) {
            case "none" -> null;
            case "embedded" -> TocsinUnderTest.embedded(serverDb);
            case "child" -> TocsinUnderTest.child(classpath != null ? classpath : System.getProperty("java.class.path"),
                    Arrays.stream(serverJvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(), serverDb);
            default -> {
                if (token == null) {
                    throw new IllegalArgumentException("--tocsin URL needs --token");
                }
                yield TocsinUnderTest.external(URI.create(tocsin), token);
            }
        };
    }
}
