package io.tocsin.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tocsin.app.EventSink;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.DoubleStream;

/**
 * The one subscribe pipeline behind every stream transport. Each event is encoded once per wire format; the
 * publisher hands it to each event loop in one task, and every loop writes the same bytes to its own matching
 * subscribers ({@link LoopHub}).
 */
public final class Hub implements EventSink {
    /** Often enough to keep proxies and mobile NATs from dropping idle streams, rarely enough to spare batteries. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final int REPLAY_PAGE = 500;
    /**
     * Delivery latency buckets: a loop with a few subscribers writes within a millisecond of the commit, one with
     * tens of thousands within tens of milliseconds; past a second the alert is late for people running to shelter.
     */
    static final Duration[] DELIVERY_BUCKETS = DoubleStream.of(0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000,
            2500, 5000).mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);
    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    private final Vertx vertx;
    private final EventLog log;
    private final RegionTree tree;
    private final Map<String, List<String>> relatedRegions = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoopHub> loops = new ConcurrentHashMap<>();
    private final List<LoopHub> loopList = new CopyOnWriteArrayList<>();
    private final Map<Transport, AtomicInteger> counts = new EnumMap<>(Transport.class);
    private final Counter delivered;
    private final Counter cutOffs;
    private final Counter deliveryErrors;
    /** Only the first failure of its kind is logged with a stack trace; the counter tells how many followed. */
    private final Set<Class<?>> loggedFailures = ConcurrentHashMap.newKeySet();
    private final Counter aheadOfLog;
    private final Timer deliveryLatency;
    private final List<Long> timers = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    public Hub(Vertx vertx, EventLog log, RegionTree tree, MeterRegistry metrics) {
        this.vertx = vertx;
        this.log = log;
        this.tree = tree;
        for (Transport t : Transport.values()) {
            AtomicInteger n = new AtomicInteger();
            counts.put(t, n);
            Gauge.builder("tocsin_subscribers", n, AtomicInteger::get).tag("transport", t.wire())
                    .description("Open stream subscribers (each one connection, or one HTTP/2 stream), by transport")
                    .register(metrics);
        }
        this.delivered = Counter.builder("tocsin_events_delivered")
                .description("Events written to stream subscribers, live and replayed (one per subscriber per event)")
                .register(metrics);
        this.cutOffs = Counter.builder("tocsin_slow_consumer_cutoffs")
                .description("Subscribers closed because they did not read fast enough (they resume by seq)")
                .register(metrics);
        this.deliveryErrors = Counter.builder("tocsin_delivery_errors")
                .description("Subscribers closed because writing to them failed unexpectedly (each is contained: "
                        + "the other subscribers' delivery goes on)")
                .register(metrics);
        this.aheadOfLog = Counter.builder("tocsin_resumes_ahead_of_log")
                .description("Stream resumes from a seq beyond the log's head (a client that saw another history)")
                .register(metrics);
        this.deliveryLatency = Timer.builder("tocsin_delivery_latency")
                .description("From an event known durable to its bytes written to the sockets of one event loop's "
                        + "matching subscribers: one sample per event per loop that had any")
                .serviceLevelObjectives(DELIVERY_BUCKETS).register(metrics);
    }

    /**
     * Stops keep-alives and ends every stream with a reason and the seq to resume from, each on its own loop, so
     * clients reconnect at once instead of waiting for a dead socket to time out. Waits up to 2 s for the loops.
     */
    public void stop() {
        if (stopped.getAndSet(true)) {
            return;
        }
        synchronized (timers) {
            timers.forEach(vertx::cancelTimer);
            timers.clear();
        }
        CountDownLatch done = new CountDownLatch(loopList.size());
        for (LoopHub loop : loopList) {
            loop.context.runOnContext(v -> {
                try {
                    for (Subscriber s : loop.open()) {
                        long resumeFrom = s.coveredSeq();
                        unsubscribe(loop, s);
                        s.sink.close(Ending.SHUTDOWN,
                                "server shutting down: reconnect with Last-Event-ID " + resumeFrom + " to resume");
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many event loops (threads) have subscribers' hubs: at most one per loop, whatever the number of subscribers. */
    public int loops() {
        return loops.size();
    }

    public int subscribers() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int subscribers(Transport t) {
        return counts.get(t).get();
    }

    /**
     * Opens a subscription on the current event loop. With {@code afterSeq} ≥ 0 the log after that seq is
     * replayed first; with -1 the subscriber only gets what happens from now on.
     */
    public void subscribe(Sink sink, StreamFilter filter, long afterSeq) {
        if (stopped.get()) {
            // Arrived while the server stops: say so at once, as to those already subscribed.
            sink.close(Ending.SHUTDOWN, afterSeq < 0 ? "server shutting down: reconnect"
                    : "server shutting down: reconnect with Last-Event-ID " + afterSeq + " to resume");
            return;
        }
        // Vert.x runs each request on a duplicate of its connection's context, and several contexts may share an
        // event loop: key by the loop's thread itself, or subscribers would get hubs (and hand-offs) of their own.
        ContextInternal ctx = ((ContextInternal) Vertx.currentContext()).unwrap();
        LoopHub loop = loopOf(ctx);
        Subscriber s = new Subscriber(ctx, sink, filter, Math.max(afterSeq, 0));
        counts.get(sink.transport()).incrementAndGet();
        // Added before the close handler goes on: a sink whose socket is already gone runs it at once.
        loop.add(s);
        sink.onClose(() -> unsubscribe(loop, s));
        if (afterSeq < 0) {
            s.goLive();
        } else {
            replayFrom(loop, s, afterSeq, true);
        }
    }

    private LoopHub loopOf(ContextInternal ctx) {
        return loops.computeIfAbsent(ctx.nettyEventLoop(), eventLoop -> {
            LoopHub loop = new LoopHub(ctx, tree, new RegionIndex(tree, relatedRegions));
            loopList.add(loop);
            long timer = vertx.setPeriodic(1000, id -> ctx.runOnContext(v -> loop.keepAliveTick((s, e) -> deliveryFailed(loop, s, e))));
            synchronized (timers) {
                timers.add(timer);
            }
            return loop;
        });
    }

    /**
     * One page of the log after {@code after}. The first page of a resume also checks that the client's seq is not
     * beyond the head: an empty page then reads the head, and a head below the client's seq is answered
     * explicitly ({@link #aheadOfLog}) instead of with silence until the log reaches that seq again.
     */
    private record ReplayPage(List<LoggedEvent> events, long head) {
        static final long UNREAD = Long.MAX_VALUE;
    }

    private ReplayPage readPage(long after, boolean first) {
        List<LoggedEvent> page = log.after(after, REPLAY_PAGE);
        // Read after the page: an event appended in between only raises the head, never hides a client ahead of it.
        return new ReplayPage(page, first && page.isEmpty() && after > 0 ? log.lastSeq() : ReplayPage.UNREAD);
    }

    private void replayFrom(LoopHub loop, Subscriber s, long after, boolean first) {
        vertx.<ReplayPage>executeBlocking(() -> readPage(after, first), false).onComplete(ar -> {
            if (s.closed()) {
                return;
            }
            if (ar.failed()) {
                unsubscribe(loop, s);
                s.sink.close(Ending.SERVER_ERROR, "replay failed, reconnect to resume");
                return;
            }
            if (ar.result().head() < after) {
                aheadOfLog(loop, s, after, ar.result().head());
                return;
            }
            List<LoggedEvent> page = ar.result().events();
            if (page.isEmpty()) {
                if (!s.goLive()) {
                    cutOff(loop, s);
                }
                return;
            }
            List<Encoded> wanted = new ArrayList<>();
            for (LoggedEvent e : page) {
                if (s.wants(e, tree)) { // public events, and review requests to their reviewers
                    wanted.add(new Encoded(e));
                }
            }
            long upTo = page.get(page.size() - 1).seq();
            s.replay(wanted, upTo);
            delivered.increment(wanted.size());
            if (s.sink.congested()) {
                s.sink.onDrained(() -> s.context.runOnContext(v -> replayFrom(loop, s, upTo, false)));
            } else {
                replayFrom(loop, s, upTo, false);
            }
        });
    }

    /**
     * The client resumes after a seq the log has not reached: its view comes from another history (a log restored
     * from an older copy reuses seqs). It is told the head; a transport that goes on (SSE) is subscribed afresh
     * from the head, so it gets every event after it, as any subscriber resuming there would.
     */
    private void aheadOfLog(LoopHub loop, Subscriber s, long requested, long head) {
        aheadOfLog.increment();
        unsubscribe(loop, s);
        if (s.sink.resetTo(head, requested)) {
            subscribe(s.sink, s.filter, head);
        }
    }

    private void unsubscribe(LoopHub loop, Subscriber s) {
        if (!s.closed()) {
            s.markClosed();
            loop.remove(s);
            counts.get(s.sink.transport()).decrementAndGet();
        }
    }

    @Override
    public void publish(LoggedEvent event) {
        publish(event, System.nanoTime());
    }

    @Override
    public void publish(LoggedEvent event, long committedNanos) {
        if (!event.event().type().isStreamed()) {
            // Approvals are not streamed; review requests are, and each subscriber's wants() keeps them to
            // authenticated reviewers.
            return;
        }
        Encoded enc = new Encoded(event, committedNanos);
        for (LoopHub loop : loopList) {
            if (loop.size() > 0) {
                loop.context.runOnContext(v -> {
                    int n = loop.dispatch(enc, s -> cutOff(loop, s), (s, e) -> deliveryFailed(loop, s, e));
                    delivered.increment(n);
                    if (n > 0) { // a loop none of whose subscribers wanted the event wrote nothing to measure
                        deliveryLatency.record(System.nanoTime() - enc.committedNanos, TimeUnit.NANOSECONDS);
                    }
                });
            }
        }
    }

    /** A subscriber's delivery threw: close that subscriber alone (it resumes by seq), count it, log it once. */
    private void deliveryFailed(LoopHub loop, Subscriber s, RuntimeException e) {
        deliveryErrors.increment();
        if (loggedFailures.add(e.getClass())) {
            LOG.log(Level.WARNING, "delivery to a subscriber failed; it was closed, the others were served"
                    + " (further failures of this kind are only counted in tocsin_delivery_errors_total)", e);
        }
        long resumeFrom = s.coveredSeq();
        unsubscribe(loop, s);
        try {
            s.sink.close(Ending.SERVER_ERROR, "delivery failed: reconnect with Last-Event-ID " + resumeFrom + " to resume");
        } catch (RuntimeException closing) {
            // the sink is already broken; it is out of the index, which is what matters
        }
    }

    private void cutOff(LoopHub loop, Subscriber s) {
        cutOffs.increment();
        long resumeFrom = s.coveredSeq();
        unsubscribe(loop, s);
        s.sink.close(Ending.SLOW_CONSUMER, "slow consumer: reconnect with Last-Event-ID " + resumeFrom + " to resume");
    }
}
