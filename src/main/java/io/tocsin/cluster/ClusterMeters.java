package io.tocsin.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/** The cluster's meters (docs/metrics.md): lag, gap fills, NATS traffic, the lease. */
public final class ClusterMeters {
    private final Counter received;
    private final Counter gapFills;
    private final Counter published;
    private final Counter publishFailures;

    ClusterMeters(MeterRegistry registry, Supplier<Number> lag, Supplier<Number> nats, Supplier<Number> leaseHeld,
                  Supplier<Number> generation) {
        received = Counter.builder("tocsin_cluster_events_received").description("Events received from the NATS "
                + "stream, each node's own included").register(registry);
        gapFills = Counter.builder("tocsin_cluster_gap_fills").description("Times an event from NATS did not follow "
                + "this node's board (a gap, or NATS lost events) and the log was read instead").register(registry);
        published = Counter.builder("tocsin_cluster_events_published").description("Events this node published to "
                + "the NATS stream that the stream had not had").register(registry);
        publishFailures = Counter.builder("tocsin_cluster_publish_failures").description("Publications to NATS "
                + "that failed; the other nodes read those events from the log").register(registry);
        Gauge.builder("tocsin_cluster_lag_events", lag).description("Events between the highest seq this node has "
                + "heard of and its board's seq").register(registry);
        Gauge.builder("tocsin_cluster_nats_connected", nats).description("1 while connected to NATS, else 0")
                .register(registry);
        Gauge.builder("tocsin_cluster_lease_held", leaseHeld).description("1 while this node holds the lease of "
                + "the once-per-cluster duties, else 0").register(registry);
        Gauge.builder("tocsin_cluster_lease_generation", generation).description("Generation of the lease as this "
                + "node last took or renewed it").register(registry);
    }

    void received() {
        received.increment();
    }

    void gapFill() {
        gapFills.increment();
    }

    void published() {
        published.increment();
    }

    void publishFailed() {
        publishFailures.increment();
    }

    double gapFills() {
        return gapFills.count();
    }
}
