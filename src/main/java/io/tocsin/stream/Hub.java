package io.tocsin.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.app.EventSink;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one subscribe pipeline behind every stream transport. Each event is encoded once per wire format, and the
 * same bytes are handed to every matching subscriber on the event loop that owns its socket, one task per loop.
 */
public final class Hub implements EventSink {
    /** Often enough to keep proxies and mobile NATs from dropping idle streams, rarely enough to spare batteries. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final int REPLAY_PAGE = 500;

    private final Vertx vertx;
    private final EventLog log;
    private final RegionTree tree;
    private final RegionIndex index;
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    private final Map<Transport, AtomicInteger> counts = new EnumMap<>(Transport.class);
    private final Counter delivered;
    private final Counter cutOffs;
    private long keepAliveTimer = -1;

    public Hub(Vertx vertx, EventLog log, RegionTree tree, MeterRegistry metrics) {
        this.vertx = vertx;
        this.log = log;
        this.tree = tree;
        this.index = new RegionIndex(tree);
        for (Transport t : Transport.values()) {
            AtomicInteger n = new AtomicInteger();
            counts.put(t, n);
            metrics.gauge("tocsin_subscribers", List.of(io.micrometer.core.instrument.Tag.of("transport", t.wire())), n);
        }
        this.delivered = metrics.counter("tocsin_events_delivered");
        this.cutOffs = metrics.counter("tocsin_slow_consumer_cutoffs");
    }

    public void start() {
        keepAliveTimer = vertx.setPeriodic(KEEP_ALIVE.toMillis(), id -> keepAlive());
    }

    public void stop() {
        vertx.cancelTimer(keepAliveTimer);
    }

    public int subscribers() {
        return all.size();
    }

    public int subscribers(Transport t) {
        return counts.get(t).get();
    }

    /**
     * Opens a subscription on the current event loop. With {@code afterSeq} ≥ 0 the log after that seq is
     * replayed first; with -1 the subscriber only gets what happens from now on.
     */
    public void subscribe(Sink sink, StreamFilter filter, long afterSeq) {
        Context ctx = Vertx.currentContext();
        long start = afterSeq < 0 ? Long.MAX_VALUE : afterSeq;
        Subscriber s = new Subscriber(ctx, sink, filter, afterSeq < 0 ? 0 : afterSeq);
        all.add(s);
        counts.get(sink.transport()).incrementAndGet();
        sink.onClose(() -> unsubscribe(s));
        index.add(s);
        if (start == Long.MAX_VALUE) {
            s.goLive();
            return;
        }
        replayFrom(s, start);
    }

    private void replayFrom(Subscriber s, long after) {
        vertx.<List<LoggedEvent>>executeBlocking(() -> log.after(after, REPLAY_PAGE), false).onComplete(ar -> {
            if (s.closed()) {
                return;
            }
            if (ar.failed()) {
                s.sink.close("replay failed, reconnect to resume");
                return;
            }
            List<LoggedEvent> page = ar.result();
            if (page.isEmpty()) {
                if (!s.goLive()) {
                    cutOff(s);
                }
                return;
            }
            List<Encoded> wanted = new ArrayList<>();
            for (LoggedEvent e : page) {
                if (e.event().type().isPublic() && s.wants(e, tree)) {
                    wanted.add(new Encoded(e));
                }
            }
            long upTo = page.get(page.size() - 1).seq();
            s.replay(wanted, upTo);
            delivered.increment(wanted.size());
            if (s.sink.congested()) {
                s.sink.onDrained(() -> replayFrom(s, upTo));
            } else {
                replayFrom(s, upTo);
            }
        });
    }

    private void unsubscribe(Subscriber s) {
        if (all.remove(s)) {
            s.markClosed();
            index.remove(s);
            counts.get(s.sink.transport()).decrementAndGet();
        }
    }

    @Override
    public void publish(LoggedEvent event) {
        if (!event.event().type().isPublic()) {
            return;
        }
        Encoded enc = new Encoded(event);
        Map<Context, List<Subscriber>> byLoop = new IdentityHashMap<>();
        index.candidates(event.event().alert().regions(), s -> {
            if (s.dispatchStamp < event.seq() && s.wants(event, tree)) {
                s.dispatchStamp = event.seq();
                byLoop.computeIfAbsent(s.context, c -> new ArrayList<>()).add(s);
            }
        });
        byLoop.forEach((ctx, subs) -> ctx.runOnContext(v -> {
            int n = 0;
            for (Subscriber s : subs) {
                if (!s.deliver(enc)) {
                    cutOff(s);
                } else if (!s.closed()) {
                    n++;
                }
            }
            delivered.increment(n);
        }));
    }

    private void cutOff(Subscriber s) {
        cutOffs.increment();
        long resumeFrom = s.coveredSeq();
        unsubscribe(s);
        s.sink.close("slow consumer: reconnect with Last-Event-ID " + resumeFrom + " to resume");
    }

    private void keepAlive() {
        Map<Context, List<Subscriber>> byLoop = new IdentityHashMap<>();
        all.forEach(s -> byLoop.computeIfAbsent(s.context, c -> new ArrayList<>()).add(s));
        byLoop.forEach((ctx, subs) -> ctx.runOnContext(v -> subs.forEach(s -> {
            if (!s.closed()) {
                s.sink.keepAlive();
            }
        })));
    }
}
