package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the stream clients closed for what they sent: {@code tocsin_flood_closes_total{reason="rate"}} for more
 * frames than {@link InboundBudget} allows (WebSocket 1008), {@code reason="size"} for a frame or fragmented message
 * over the bound (1009). A count that climbs is an attack or a broken client, worth an alert of its own.
 */
final class StreamGuards {
    private final Counter floods;
    private final Counter oversized;

    /** One family, one HELP text: Prometheus keeps a family's first description, so both reasons share it. */
    private static final String HELP = "WebSocket clients closed for flooding, by reason (rate: more frames than a "
            + "subscriber sends; size: a message over the size bound)";

    StreamGuards(MeterRegistry metrics) {
        this.floods = Counter.builder("tocsin_flood_closes").tag("reason", "rate").description(HELP).register(metrics);
        this.oversized = Counter.builder("tocsin_flood_closes").tag("reason", "size").description(HELP)
                .register(metrics);
    }

    void floodClosed() {
        floods.increment();
    }

    void oversizeClosed() {
        oversized.increment();
    }
}
