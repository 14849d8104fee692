package io.tocsin.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.domain.EventLog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code tocsin_log_head_seq}: the log's highest seq, read from the database when Prometheus scrapes. Beside
 * {@code tocsin_board_seq} it shows a node that cannot fold what the log holds. A scrape waits at most
 * {@link #WAIT_MS} for the read, on a thread of its own: a database that hangs makes the gauge NaN (unknown) rather
 * than the whole scrape hang, and while one read hangs no other is started.
 */
final class LogHead implements AutoCloseable {
    /** Well inside Prometheus's default 10 s scrape timeout; a healthy read of MAX(seq) takes well under 1 ms. */
    static final long WAIT_MS = 1000;

    private final EventLog log;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tocsin-log-head");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Long> inFlight;

    LogHead(EventLog log, MeterRegistry metrics) {
        this.log = log;
        Gauge.builder("tocsin_log_head_seq", this, LogHead::read)
                .description("Highest seq in the event log, read from the database at scrape time (NaN when it "
                        + "cannot be read within a second)")
                .strongReference(true).register(metrics);
    }

    private synchronized double read() {
        try {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(log::lastSeq, reader);
            }
            return inFlight.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception unreadable) { // failed, still running, or the server is stopping
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
