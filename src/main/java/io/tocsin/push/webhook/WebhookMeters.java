package io.tocsin.push.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Per subscription: attempts by outcome, the time each took, and how many events it is behind the log (docs/metrics.md).
 * Plus the size of each batched cursor write, which shows the batching at work.
 */
final class WebhookMeters {
    private final MeterRegistry registry;
    private final ToLongFunction<String> behind;
    private final DistributionSummary batch;

    WebhookMeters(MeterRegistry registry, ToLongFunction<String> behind) {
        this.registry = registry;
        this.behind = behind;
        this.batch = DistributionSummary.builder("tocsin_webhook_cursor_batch_size")
                .description("Cursors written per transaction by the webhook engine (advances are batched)")
                .register(registry);
    }

    void register(String id) {
        Gauge.builder("tocsin_webhook_behind_events", () -> behind.applyAsLong(id))
                .description("Events in the log after the subscription's delivered cursor")
                .tag("webhook", id).register(registry);
    }

    void attempt(String id, HttpSender.Result r) {
        Counter.builder("tocsin_webhook_deliveries_total")
                .description("Webhook delivery attempts, by outcome (delivered, failed, refused, gone)")
                .tags("webhook", id, "outcome", r.outcome()).register(registry).increment();
        Timer.builder("tocsin_webhook_delivery_seconds")
                .description("Time of each webhook delivery attempt, from resolving the target to the response")
                .tag("webhook", id).serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofSeconds(10))
                .register(registry).record(r.latencyMs(), TimeUnit.MILLISECONDS);
    }

    void cursorBatch(int size) {
        batch.record(size);
    }

    void forget(String id) {
        registry.getMeters().stream().filter(m -> id.equals(m.getId().getTag("webhook"))).toList()
                .forEach(registry::remove);
    }
}
