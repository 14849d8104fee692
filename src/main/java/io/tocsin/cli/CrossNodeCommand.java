package io.tocsin.cli;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tocsin bench cross-node}: publish → first delivery across a cluster's nodes. */
@Command(name = "cross-node", mixinStandardHelpOptions = true,
        description = "Publish → first delivery across the nodes of a running cluster (docs/cluster.md): "
                + "alerts issued on the first URL, received by an SSE subscriber on each other node.",
        footer = {"", "Example (with tocsin cluster demo --nodes 3 running):",
                "  tocsin bench cross-node --token TOKEN http://127.0.0.1:8081 http://127.0.0.1:8082 "
                        + "http://127.0.0.1:8083"})
final class CrossNodeCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(arity = "2..*", paramLabel = "URL", description = "the nodes' base URLs")
    java.util.List<java.net.URI> nodes;
    @Option(names = "--token", required = true, description = "an operator's or admin's bearer token")
    String token;
    @Option(names = "--alerts", defaultValue = "300", description = "alerts measured")
    int alerts;
    @Option(names = "--warmup", defaultValue = "50", description = "alerts issued first and not measured")
    int warmup;
    @Option(names = "--pause-ms", defaultValue = "50",
            description = "idle time between measured alerts (two writes each: below the default 50 writes a second)")
    long pauseMs;

    @Override
    public Integer call() throws Exception {
        var hs = io.tocsin.bench.CrossNodeLatencyBench.run(nodes, token, alerts, warmup, pauseMs);
        for (int i = 0; i < hs.size(); i++) {
            Histogram h = hs.get(i);
            System.out.printf("issued on %s → first SSE delivery on %s over %d alerts%n", nodes.get(0),
                    nodes.get(i + 1), h.getTotalCount());
            System.out.printf("  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
        }
        return 0;
    }
}
