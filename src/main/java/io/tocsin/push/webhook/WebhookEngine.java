package io.tocsin.push.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.app.EventSink;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.push.CursorStore;
import io.tocsin.push.Entry;
import io.tocsin.push.Message;
import io.tocsin.push.PushEncoder;
import io.tocsin.push.Tail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the log to every webhook subscription: each a follower with its own durable cursor, its events in order
 * (one message in flight per subscription, the next only after it is delivered), failures retried on the
 * {@link RetrySchedule} until the window runs out and the subscription is disabled with the reason. One pump thread
 * owns all the lanes; sends complete on Vert.x's threads and come back through the inbox. Cursor advances, messages
 * and delivery attempts are written every {@value WriteBatch#FLUSH_MS} ms in one transaction each, whatever the number of
 * subscriptions. A crash between a delivery and its flush only repeats that delivery (with the same
 * {@code webhook-id}, so receivers can tell): nothing is ever skipped.
 */
public final class WebhookEngine implements EventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookEngine.class.getName());
    /** How long the pump sleeps at most: it notices a clock moved by a test, or a heartbeat due, within this. */
    private static final long IDLE_MS = 500;
    /** Entries a lane skips (not for it) in one step before letting the others run. */
    private static final int SKIP_PER_STEP = 1000;

    private final WebhookStore store;
    private final CursorStore cursors;
    private final Tail tail;
    private final RegionTree tree;
    private final Map<String, PushEncoder> encoders;
    private final HttpSender sender;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final WebhookMeters meters;
    private final Map<String, Lane> lanes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final WriteBatch writes;
    private volatile boolean catchUp = true;
    private volatile boolean running;
    private final Turns turns = new Turns(IDLE_MS);
    private Thread pump;

    public WebhookEngine(WebhookStore store, CursorStore cursors, Tail tail, RegionTree tree,
                         Map<String, PushEncoder> encoders, HttpSender sender, Clock clock, RetrySchedule schedule,
                         MeterRegistry registry) {
        this.store = store;
        this.cursors = cursors;
        this.tail = tail;
        this.tree = tree;
        this.encoders = Map.copyOf(encoders);
        this.sender = sender;
        this.clock = clock;
        this.schedule = schedule;
        this.meters = new WebhookMeters(registry, this::behind);
        this.writes = new WriteBatch(store, cursors, meters);
    }

    public boolean supports(String format) {
        return encoders.containsKey(format);
    }

    /** Loads the subscriptions and their cursors and starts the pump. */
    public WebhookEngine start() {
        Map<String, Long> stored = cursors.loadAll("webhook:");
        long head = tail.logHead();
        List<Webhook> all = store.list(null);
        // Fold up to the lowest cursor first, keeping nothing before it.
        tail.skipTo(all.stream().filter(Webhook::enabled).mapToLong(w -> stored.getOrDefault(w.consumer(), head))
                .min().orElse(head));
        for (Webhook w : all) {
            addLane(w, stored.getOrDefault(w.consumer(), head));
        }
        running = true;
        pump = Thread.ofPlatform().daemon().name("tocsin-webhooks").start(this::run);
        return this;
    }

    /** A new subscription, delivering the events after {@code cursor}. */
    public void add(Webhook w, long cursor) {
        command(() -> addLane(w, cursor));
    }

    /** A changed subscription (URL, filters, secrets, enabled): the lane keeps its place in the log. */
    public void update(Webhook w) {
        command(() -> {
            Lane lane = lanes.get(w.id());
            if (lane == null) {
                return;
            }
            if (lane.change(w)) {
                tail.from(lane.cursor); // re-enabled: its events may be below the tail's floor by now
            }
        });
    }

    public void remove(String id) {
        command(() -> {
            Lane lane = lanes.remove(id);
            if (lane != null) {
                lane.removed = true;
                meters.forget(id);
            }
        });
    }

    /** Sends a stored message once more, out of order (a manual redelivery); the result goes to the log. */
    public void redeliver(Webhook w, WebhookStore.StoredMessage m) {
        submit(() -> {
            TargetGuard.Target target;
            try {
                target = TargetGuard.parse(w.url());
            } catch (TargetGuard.Refused e) {
                return;
            }
            Instant now = clock.instant();
            long ts = now.getEpochSecond();
            sender.send(target, m.messageId(), ts, Signatures.header(w.secretsAt(now), m.messageId(), ts, m.body()),
                    m.contentType(), m.body(), r -> submit(() -> {
                        writes.attempt(new DeliveryRecord(0, w.id(), m.messageId(), m.seq(), 0, now, r.status(),
                                r.latencyMs(), r.outcome(), r.error()));
                        meters.attempt(w.id(), r);
                    }));
        });
    }

    /** The subscriptions the lanes deliver now, by id (a snapshot; {@link StoredSubscriptions} compares it). */
    Map<String, Webhook> hooks() {
        Map<String, Webhook> out = new java.util.HashMap<>();
        lanes.forEach((id, lane) -> out.put(id, lane.hook));
        return out;
    }

    /** Wakes the pump (a test that moved its clock calls this too). */
    public void wake() {
        wake.release();
    }

    @Override
    public void publish(LoggedEvent event) {
        if (!tail.offer(event)) {
            catchUp = true;
        }
        turns.all();
        wake();
    }

    private long behind(String id) {
        Lane l = lanes.get(id);
        return l == null ? 0 : Math.max(0, tail.head() - l.cursor);
    }

    private void submit(Runnable r) {
        inbox.add(r);
        wake();
    }

    /** A change of the lanes: the next turn looks at all of them. */
    private void command(Runnable r) {
        submit(() -> {
            r.run();
            turns.all();
        });
    }

    private void addLane(Webhook w, long cursor) {
        try {
            Lane lane = new Lane(w, TargetGuard.parse(w.url()), cursor, clock.instant());
            lanes.put(w.id(), lane);
            if (w.enabled()) {
                tail.from(cursor);
            }
            meters.register(w.id());
        } catch (TargetGuard.Refused e) {
            LOG.warning("webhook " + w.id() + " has an unusable URL and is not delivered: " + e.getMessage());
        }
    }

    private void run() {
        while (running) {
            try {
                for (Runnable r; (r = inbox.poll()) != null; ) {
                    r.run();
                }
                if (catchUp) {
                    catchUp = false;
                    tail.catchUp();
                }
                Instant now = clock.instant();
                if (turns.fullTurn(now)) {
                    for (Lane lane : lanes.values()) {
                        step(lane, now);
                    }
                } else {
                    for (Lane lane : turns.take()) {
                        step(lane, now);
                    }
                }
                writes.flush(lanes.values(), false);
                trim();
                writes.forgetOld(now);
                wake.tryAcquire(turns.waitMs(clock.instant()), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A database that cannot be read or written: keep everything in memory and try again shortly.
                LOG.log(Level.WARNING, "webhook delivery paused: " + e.getMessage());
                catchUp = true;
                try {
                    Thread.sleep(IDLE_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Moves one lane on; returns whether it has work in progress or waiting. */
    private boolean step(Lane lane, Instant now) {
        if (lane.removed || !lane.hook.enabled()) {
            return false;
        }
        if (lane.inFlight) {
            return true;
        }
        if (lane.readyAt != null && now.isBefore(lane.readyAt)) {
            turns.due(lane.readyAt);
            return true;
        }
        PushEncoder encoder = encoders.get(lane.hook.format());
        for (int n = 0; lane.pending == null && n < SKIP_PER_STEP; n++) {
            Entry e = tail.next(lane.cursor);
            if (e == null) {
                break;
            }
            List<Message> ms = encoder == null || !lane.filter.wants(e.event().event(), tree)
                    ? List.of() : encoder.encode(e);
            if (ms.isEmpty()) {
                lane.cursor = e.seq();
                lane.dirty = true;
            } else {
                lane.pendingSeq = e.seq();
                lane.pending = ms;
                lane.delivered = 0;
            }
        }
        if (lane.pending == null) {
            heartbeat(lane, now);
            return tail.next(lane.cursor) != null;
        }
        if (!turns.slot(lane)) {
            return true; // a completion on that target readies it
        }
        Message m = lane.current();
        String id = lane.messageId(m);
        if (lane.failures == 0) {
            writes.message(new WebhookStore.StoredMessage(id, lane.hook.id(), lane.pendingSeq, m.contentType(),
                    m.body()));
        }
        dispatch(lane, id, lane.pendingSeq, m, now, false);
        return true;
    }

    private void heartbeat(Lane lane, Instant now) {
        Message beat = lane.heartbeatDue(now, tail.head());
        if (beat != null && turns.slot(lane)) {
            dispatch(lane, "hb_" + lane.hook.id() + "_" + now.getEpochSecond(), lane.cursor, beat, now, true);
        }
    }

    private void dispatch(Lane lane, String id, long seq, Message m, Instant now, boolean heartbeat) {
        lane.inFlight = true;
        lane.lastSent = now;
        String origin = lane.origin();
        long ts = now.getEpochSecond();
        Webhook hook = lane.hook;
        String signature = Signatures.header(hook.secretsAt(now), id, ts, m.body());
        int attempt = heartbeat ? 1 : lane.failures + 1;
        sender.send(lane.target, id, ts, signature, m.contentType(), m.body(), r -> submit(() -> {
            lane.inFlight = false;
            turns.completed(lane, origin);
            writes.attempt(new DeliveryRecord(0, hook.id(), id, seq, attempt, now, r.status(), r.latencyMs(),
                    r.outcome(), r.error()));
            meters.attempt(hook.id(), r);
            if (!lane.removed && !heartbeat) {
                completed(lane, r);
            }
        }));
    }

    private void completed(Lane lane, HttpSender.Result r) {
        Instant now = clock.instant();
        String disable = lane.settle(r, now, schedule);
        if (lane.readyAt != null) {
            turns.due(lane.readyAt);
        }
        if (lane.failures == 1) {
            // Once per streak of failures, not per attempt: the delivery log has every attempt.
            LOG.info("webhook " + lane.hook.id() + ": delivery of seq " + lane.pendingSeq + " failed (" + r.error()
                    + "); retrying from " + lane.readyAt);
        }
        if (disable != null) {
            disable(lane, disable, now);
        }
    }

    private void disable(Lane lane, String reason, Instant now) {
        lane.hook = lane.hook.disabled(reason, now);
        LOG.warning("webhook " + lane.hook.id() + " disabled: " + reason);
        writes.flush(lanes.values(), true);
        store.update(lane.hook);
    }

    private void trim() {
        tail.trim(lanes.values().stream().filter(l -> l.hook.enabled()).mapToLong(l -> l.cursor).min()
                .orElse(tail.head()));
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (pump != null) {
            try {
                pump.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                writes.flush(lanes.values(), true);
            } catch (RuntimeException e) {
                LOG.warning("webhook cursors not written at stop (they will be delivered again): " + e.getMessage());
            }
        }
        writes.close();
        sender.close();
    }
}
