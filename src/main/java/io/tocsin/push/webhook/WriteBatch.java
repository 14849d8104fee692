package io.tocsin.push.webhook;

import io.tocsin.push.CursorStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the webhook engine writes, gathered and written every {@value #FLUSH_MS} ms: new messages and attempts in one
 * transaction, the lanes' cursor advances in another, however many subscriptions moved. A failed write keeps
 * everything for the next turn. Used by the pump thread only.
 */
final class WriteBatch {
    static final long FLUSH_MS = 100;
    /** The delivery log keeps a week: enough to look into last weekend's failures, bounded in size. */
    static final Duration KEEP_LOG = Duration.ofDays(7);

    private final WebhookStore store;
    private final CursorStore cursors;
    private final WebhookMeters meters;
    private final List<WebhookStore.StoredMessage> messages = new ArrayList<>();
    private final List<DeliveryRecord> attempts = new ArrayList<>();
    private long lastFlush;
    private Instant lastForget = Instant.EPOCH;

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

    boolean empty() {
        return messages.isEmpty() && attempts.isEmpty();
    }

    /** Writes what is gathered, when {@value #FLUSH_MS} ms have passed since the last write (or now). */
    void flush(Collection<Lane> lanes, boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastFlush < TimeUnit.MILLISECONDS.toNanos(FLUSH_MS)) {
            return;
        }
        lastFlush = t;
        if (!empty()) {
            store.record(List.copyOf(messages), List.copyOf(attempts));
            messages.clear();
            attempts.clear();
        }
        Map<String, Long> dirty = new HashMap<>();
        for (Lane lane : lanes) {
            if (lane.dirty) {
                dirty.put(lane.hook.consumer(), lane.cursor);
            }
        }
        if (!dirty.isEmpty()) {
            cursors.saveAll(dirty);
            lanes.forEach(l -> l.dirty = false);
            meters.cursorBatch(dirty.size());
        }
    }

    /** Forgets delivery log entries older than {@link #KEEP_LOG}, at most once an hour. */
    void forgetOld(Instant now) {
        if (Duration.between(lastForget, now).toHours() >= 1) {
            lastForget = now;
            store.forgetBefore(now.minus(KEEP_LOG));
        }
    }
}
