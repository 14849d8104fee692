package io.tocsin.push.webhook;

import io.tocsin.push.CursorStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What the webhook engine writes, gathered by the pump and written every {@value #FLUSH_MS} ms by a writer thread of
 * its own, so deliveries never wait for an fsync: new messages and attempts in one transaction, every cursor that
 * moved in another, however many subscriptions moved. One write at a time; while one runs the next batch grows. A
 * failed write is put back for the next turn (cursors keep the highest seq), so a database that is away for a while
 * loses nothing the engine knew.
 */
final class WriteBatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WriteBatch.class.getName());
    static final long FLUSH_MS = 100;
    /** The delivery log keeps a week: enough to look into last weekend's failures, bounded in size. */
    static final Duration KEEP_LOG = Duration.ofDays(7);

    private final WebhookStore store;
    private final CursorStore cursors;
    private final WebhookMeters meters;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform().daemon().name("tocsin-webhook-writer").unstarted(r));
    /** Touched by the pump thread only. */
    private List<WebhookStore.StoredMessage> messages = new ArrayList<>();
    private List<DeliveryRecord> attempts = new ArrayList<>();
    private final Map<String, Long> moved = new HashMap<>();
    private Future<?> inFlight;
    private long lastFlush;
    private Instant lastForget = Instant.EPOCH;
    /** What a failed write hands back to the pump. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> putBack =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    WriteBatch(WebhookStore store, CursorStore cursors, WebhookMeters meters) {
        this.store = store;
        this.cursors = cursors;
        this.meters = meters;
    }

    void message(WebhookStore.StoredMessage m) {
        messages.add(m);
    }

    void attempt(DeliveryRecord d) {
        attempts.add(d);
    }

    /** Nothing gathered and nothing being written. */
    boolean empty() {
        return messages.isEmpty() && attempts.isEmpty() && moved.isEmpty() && (inFlight == null || inFlight.isDone());
    }

    /**
     * Hands what is gathered to the writer when {@value #FLUSH_MS} ms have passed and no write is running; with
     * {@code wait}, writes now and returns once it is written (a subscription disabled, the engine stopping).
     */
    void flush(Collection<Lane> lanes, boolean wait) {
        for (Runnable r; (r = putBack.poll()) != null; ) {
            r.run();
        }
        long t = System.nanoTime();
        boolean busy = inFlight != null && !inFlight.isDone();
        if (!wait && (busy || t - lastFlush < TimeUnit.MILLISECONDS.toNanos(FLUSH_MS))) {
            return;
        }
        lastFlush = t;
        for (Lane lane : lanes) {
            if (lane.dirty) {
                moved.merge(lane.hook.consumer(), lane.cursor, Math::max);
                lane.dirty = false;
            }
        }
        List<WebhookStore.StoredMessage> m = messages;
        List<DeliveryRecord> a = attempts;
        Map<String, Long> c = Map.copyOf(moved);
        messages = new ArrayList<>();
        attempts = new ArrayList<>();
        moved.clear();
        if (m.isEmpty() && a.isEmpty() && c.isEmpty() && !wait) {
            return;
        }
        awaitWrite();
        inFlight = writer.submit(() -> write(m, a, c));
        if (wait) {
            awaitWrite();
        }
    }

    private void write(List<WebhookStore.StoredMessage> m, List<DeliveryRecord> a, Map<String, Long> c) {
        try {
            store.record(m, a);
        } catch (RuntimeException e) {
            LOG.warning("webhook delivery log not written (kept for the next try): " + e.getMessage());
            putBack.add(() -> {
                messages.addAll(0, m);
                attempts.addAll(0, a);
            });
        }
        try {
            cursors.saveAll(c);
            if (!c.isEmpty()) {
                meters.cursorBatch(c.size());
            }
        } catch (RuntimeException e) {
            LOG.warning("webhook cursors not written (kept for the next try): " + e.getMessage());
            putBack.add(() -> c.forEach((k, v) -> moved.merge(k, v, Math::max)));
        }
    }

    private void awaitWrite() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning("webhook write did not finish: " + e.getMessage());
        }
    }

    /** Forgets delivery log entries older than {@link #KEEP_LOG}, at most once an hour, on the writer. */
    void forgetOld(Instant now) {
        if (Duration.between(lastForget, now).toHours() >= 1) {
            lastForget = now;
            writer.submit(() -> {
                try {
                    store.forgetBefore(now.minus(KEEP_LOG));
                } catch (RuntimeException e) {
                    LOG.warning("old webhook deliveries not forgotten: " + e.getMessage());
                }
            });
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
