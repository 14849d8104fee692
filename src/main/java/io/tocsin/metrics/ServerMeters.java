package io.tocsin.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tocsin.app.AlertDesk;

/**
 * The registry behind {@code GET /metrics} and the meters that belong to the process rather than to one component:
 * the JVM's (memory, GC, threads, classes, CPU, file descriptors, uptime) and the alert picture's
 * ({@link BoardMeters}, {@link LogHead}). Components register their own meters on {@link #registry()}.
 * {@link #close()} detaches what holds resources: the GC binder's JMX listeners (each test server in one JVM would
 * otherwise leave its own behind) and the log-head reader thread.
 */
public final class ServerMeters implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final LogHead logHead;

    public ServerMeters(AlertDesk desk) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        BoardMeters.bind(desk, registry);
        logHead = new LogHead(desk.log(), registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        logHead.close();
        registry.close();
    }
}
