package io.tocsin.compat.web;

import io.tocsin.compat.view.CompatView;
import io.tocsin.compat.view.ViewBuilder;
import io.tocsin.domain.BoardSnapshot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every representation of both compatibility APIs, encoded once per board seq on one thread of its own (never an
 * event loop), and published as one immutable {@link Published} with a single volatile write. A request whose board
 * is newer than the published set waits for the next one (so a client polling after an alert was acknowledged
 * sees it); every other request is answered from memory on its event loop. A timer also refreshes the set a few
 * times a second, so polls after a change rarely wait.
 */
public final class RepStore {
    /** How often the store checks the board for a newer seq without being asked. */
    static final long REFRESH_MS = 200;

    /** Writes one API's representations of a view, as key → bytes. */
    public interface Encoder {
        void encode(CompatView view, BiConsumer<String, byte[]> out);
    }

    /** The representations of one seq. */
    public record Published(long seq, CompatView view, Map<String, Rep> reps) {
        public Rep rep(String key) {
            return reps.get(key);
        }
    }

    private final Vertx vertx;
    private final Supplier<BoardSnapshot> board;
    private final ViewBuilder builder;
    private final List<Encoder> encoders;
    private final Clock clock;
    private final Revisions revisions = new Revisions();
    private final WorkerExecutor thread;
    private final Object building = new Object();
    private volatile Published current;
    private CompletableFuture<Published> running; // guarded by this

    public RepStore(Vertx vertx, Supplier<BoardSnapshot> board, ViewBuilder builder, List<Encoder> encoders,
                    Clock clock) {
        this.vertx = vertx;
        this.board = board;
        this.builder = builder;
        this.encoders = List.copyOf(encoders);
        this.clock = clock;
        this.thread = vertx.createSharedWorkerExecutor("tocsin-compat-encoder", 1);
        vertx.setPeriodic(REFRESH_MS, id -> {
            Published p = current;
            if (p != null && p.seq() < board.get().seq()) {
                atLeast(board.get().seq());
            }
        });
    }

    /**
     * Makes the first set now, on the store's own thread (cold, it takes ~100 ms, and it waits for the location
     * table): a server calls this once it listens, so its start does not wait for it; the first requests may.
     */
    public void prepare() {
        atLeast(0);
    }

    /** Calls {@code then} on the caller's event loop with representations at least as new as the board now. */
    public void fresh(Consumer<Published> then) {
        Published p = current;
        long seq = board.get().seq();
        if (p != null && p.seq() >= seq) {
            then.accept(p);
            return;
        }
        Context loop = vertx.getOrCreateContext();
        atLeast(seq).whenComplete((fresh, failure) -> loop.runOnContext(x -> {
            Published use = failure == null ? fresh : current;
            then.accept(use != null ? use : build(board.get())); // only if every build failed: try once more here
        }));
    }

    private CompletableFuture<Published> atLeast(long seq) {
        CompletableFuture<Published> f;
        synchronized (this) {
            Published p = current;
            if (p != null && p.seq() >= seq) {
                return CompletableFuture.completedFuture(p);
            }
            if (running == null) {
                CompletableFuture<Published> r = new CompletableFuture<>();
                running = r;
                thread.<Published>executeBlocking(() -> build(board.get()), true).onComplete(ar -> {
                    synchronized (this) {
                        running = null;
                        if (ar.succeeded()) {
                            current = ar.result();
                        }
                    }
                    if (ar.succeeded()) {
                        r.complete(ar.result());
                    } else {
                        r.completeExceptionally(ar.cause());
                    }
                });
            }
            f = running;
        }
        // A build that began before this request's seq was folded cannot have it: then wait for the next one.
        return f.thenCompose(p -> p.seq() >= seq ? CompletableFuture.completedFuture(p) : atLeast(seq));
    }

    private Published build(BoardSnapshot snapshot) {
        synchronized (building) { // the view builder keeps the previous view: one build at a time
            return buildLocked(snapshot);
        }
    }

    private Published buildLocked(BoardSnapshot snapshot) {
        java.time.Instant now = clock.instant();
        CompatView view = builder.next(snapshot, now);
        long second = now.getEpochSecond();
        Map<String, Rep> reps = new HashMap<>();
        for (Encoder e : encoders) {
            e.encode(view, (key, bytes) -> reps.put(key, revisions.revise(key, bytes, second)));
        }
        return new Published(snapshot.seq(), view, Map.copyOf(reps));
    }

    /** The Last-Modified of a representation made per request (history): same rule, same store. */
    public Rep revise(String key, byte[] bytes) {
        return revisions.revise(key, bytes, clock.instant().getEpochSecond());
    }

    /** Runs {@code work} off the event loops, then {@code then} on the caller's loop (a failure gives null). */
    public <T> void offLoop(Supplier<T> work, Consumer<T> then) {
        Context loop = vertx.getOrCreateContext();
        vertx.<T>executeBlocking(work::get, false).onComplete(ar -> loop.runOnContext(x ->
                then.accept(ar.succeeded() ? ar.result() : null)));
    }
}
