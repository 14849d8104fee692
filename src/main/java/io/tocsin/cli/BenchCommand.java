package io.tocsin.cli;

import io.tocsin.bench.DeliveryLatencyBench;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tocsin bench ...}: measurements with their figures printed, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Latency.class, FanoutCommand.class})
final class BenchCommand {

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Issue → first SSE delivery latency with durability on (fresh SQLite, synchronous=FULL).")
    static final class Latency implements Callable<Integer> {
        @Option(names = "--alerts", defaultValue = "1000", description = "alerts measured")
        int alerts;
        @Option(names = "--warmup", defaultValue = "200", description = "alerts issued first and not measured")
        int warmup;
        @Option(names = "--pause-ms", defaultValue = "0", description = "idle time between measured alerts")
        long pauseMs;
        @Option(names = "--active", defaultValue = "0",
                description = "alerts issued (and left active) before the run, so that reads are large")
        int active;
        @Option(names = "--feed-readers", defaultValue = "0",
                description = "clients reading /api/v1/cap/feed.atom back to back during the run")
        int feedReaders;

        @Override
        public Integer call() throws Exception {
            Histogram h = DeliveryLatencyBench.run(alerts, warmup, pauseMs, active, feedReaders);
            System.out.printf("issue → first SSE delivery over %d alerts (durable: SQLite WAL, synchronous=FULL)%n",
                    h.getTotalCount());
            System.out.printf("  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
            return 0;
        }
    }
}
