package io.tocsin.cli;

import io.tocsin.bench.DeliveryLatencyBench;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tocsin bench ...}: measurements with their figures printed, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
        subcommands = {BenchCommand.Latency.class, FanoutCommand.class, BenchCommand.Webhooks.class,
                BenchCommand.Mqtt.class, CrossNodeCommand.class})
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

    @Command(name = "webhooks", mixinStandardHelpOptions = true,
            description = "Issue → every one of N webhook subscriptions received it (one local receiver holds the N "
                    + "endpoints); first, p50, p99 and last arrival per alert.")
    static final class Webhooks implements Callable<Integer> {
        @Option(names = "--receivers", defaultValue = "1000", description = "subscriptions, one endpoint each")
        int receivers;
        @Option(names = "--alerts", defaultValue = "20", description = "alerts measured")
        int alerts;
        @Option(names = "--warmup", defaultValue = "3", description = "alerts issued first and not measured")
        int warmup;

        @Override
        public Integer call() throws Exception {
            var f = io.tocsin.bench.PushBench.webhooks(receivers, alerts, warmup);
            System.out.printf("issue → all of %d webhook receivers, over %d alerts (ms; median of the alerts, worst)%n",
                    f.receivers(), f.perAlert().size());
            String[] names = {"first", "p50", "p99", "all"};
            for (int k = 0; k < names.length; k++) {
                int col = k;
                long[] v = f.perAlert().stream().mapToLong(a -> a[col]).sorted().toArray();
                System.out.printf("  %-5s median %8.2f   worst %8.2f%n", names[k], v[v.length / 2] / 1e6,
                        v[v.length - 1] / 1e6);
            }
            return 0;
        }
    }

    @Command(name = "mqtt", mixinStandardHelpOptions = true,
            description = "Issue → the region's retained MQTT state, under alert, seen by a subscriber.")
    static final class Mqtt implements Callable<Integer> {
        @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "the broker")
        String broker;
        @Option(names = "--alerts", defaultValue = "200", description = "alerts measured")
        int alerts;
        @Option(names = "--warmup", defaultValue = "20", description = "alerts issued first and not measured")
        int warmup;

        @Override
        public Integer call() throws Exception {
            Histogram h = io.tocsin.bench.PushBench.mqtt(broker, alerts, warmup);
            System.out.printf("issue → MQTT state visible to a subscriber over %d alerts (durable: SQLite WAL, "
                    + "synchronous=FULL; QoS 1 via %s)%n", h.getTotalCount(), broker);
            System.out.printf("  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
            return 0;
        }
    }
}
