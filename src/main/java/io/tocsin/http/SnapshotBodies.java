package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.domain.BoardSnapshot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.Supplier;

/**
 * Large read bodies (the active list, the CAP feed) made once per board seq and served as bytes. With 10,000 active
 * alerts one body is megabytes of JSON or XML; made per request on the event loops, eight clients reading the feed
 * delayed the delivery of new alerts by a quarter of a second. Here a body is encoded on a small worker pool of its
 * own (never the one the writes use), once per (read, variant, seq), however many clients ask at once; every later
 * request for the same seq gets the same bytes, and a client that sends the ETag back gets 304.
 */
final class SnapshotBodies {
    /** Encoding threads: two, so reads never take the whole machine from the event loops that deliver alerts. */
    static final int ENCODERS = 2;
    /** Bytes kept for all variants together: a few full lists of 10,000 alerts. */
    static final long BUDGET_BYTES = 64L << 20;
    /** Changes on every start, so a client's ETag from another process (or another log) never matches by chance. */
    private static final String BOOT = UUID.randomUUID().toString().substring(0, 8);

    private final Vertx vertx;
    private final WorkerExecutor encoders;
    private final MeterRegistry metrics;
    private final Map<Key, Variant> variants = new ConcurrentHashMap<>();
    private final Map<String, Counter> encoded = new ConcurrentHashMap<>();

    SnapshotBodies(Vertx vertx, MeterRegistry metrics) {
        this.vertx = vertx;
        this.encoders = vertx.createSharedWorkerExecutor("tocsin-read-encoder", ENCODERS);
        this.metrics = metrics;
    }

    /** What a body depends on besides the snapshot: which read, and its filter or URL. */
    private record Key(String read, Object variant) {
    }

    /** A finished body and the seq of the snapshot it was made from. */
    private record Slot(long seq, Buffer body) {
    }

    /**
     * One variant's bodies: the last finished one, the one being encoded, and the requests that arrived during that
     * encoding but need a newer seq. Those all share one next encoding, made from the board as it is when it starts:
     * however many clients read while alerts are issued, a variant is encoded one at a time, never queued up.
     */
    private static final class Variant {
        Slot done;
        CompletableFuture<Slot> running;
        long runningSeq;
        CompletableFuture<Slot> next;
    }

    /**
     * Replies with the body of {@code read} for {@code variant} as of the board's current snapshot or a newer one,
     * encoding it only if no request has done so for that seq.
     */
    void serve(RoutingContext ctx, String read, Object variant, Supplier<BoardSnapshot> board, String contentType,
               Function<BoardSnapshot, byte[]> encode) {
        serve(ctx, read, variant, board, BoardSnapshot::seq, contentType, encode);
    }

    /**
     * The same for any source whose states are numbered by a version that only grows (the board's seq, the CAP
     * feed window's revision): one encoding per (read, variant, version).
     */
    <T> void serve(RoutingContext ctx, String read, Object variant, Supplier<T> board, ToLongFunction<T> versionOf,
                   String contentType, Function<T, byte[]> encode) {
        Key key = new Key(read, Objects.requireNonNull(variant));
        Variant v = variants.computeIfAbsent(key, k -> new Variant());
        long asked = versionOf.applyAsLong(board.get());
        CompletableFuture<Slot> answer;
        synchronized (v) {
            if (v.done != null && v.done.seq() >= asked) {
                answer = CompletableFuture.completedFuture(v.done);
            } else if (v.running != null && v.runningSeq >= asked) {
                answer = v.running;
            } else if (v.running != null) {
                if (v.next == null) {
                    v.next = new CompletableFuture<>();
                }
                answer = v.next;
            } else {
                answer = start(key, v, board, versionOf, encode);
            }
        }
        Context loop = vertx.getOrCreateContext();
        answer.whenComplete((slot, failure) -> loop.runOnContext(x -> reply(ctx, contentType, slot, failure)));
    }

    /** Starts encoding the board's current snapshot; called holding {@code v}'s lock. */
    private <T> CompletableFuture<Slot> start(Key key, Variant v, Supplier<T> board, ToLongFunction<T> versionOf,
                                              Function<T, byte[]> encode) {
        T snapshot = board.get();
        long version = versionOf.applyAsLong(snapshot);
        CompletableFuture<Slot> f = new CompletableFuture<>();
        v.running = f;
        v.runningSeq = version;
        encoders.<byte[]>executeBlocking(() -> encode.apply(snapshot), false).onComplete(ar -> {
            Slot slot = ar.succeeded() ? new Slot(version, Buffer.buffer(ar.result())) : null;
            CompletableFuture<Slot> waiting;
            synchronized (v) {
                if (slot != null) {
                    v.done = slot;
                }
                v.running = null;
                waiting = v.next;
                v.next = null;
                if (waiting != null) {
                    start(key, v, board, versionOf, encode).whenComplete((s, t) -> {
                        if (t == null) {
                            waiting.complete(s);
                        } else {
                            waiting.completeExceptionally(t);
                        }
                    });
                }
            }
            if (slot == null) {
                f.completeExceptionally(ar.cause());
                return;
            }
            counter(key.read()).increment();
            f.complete(slot);
            trim(key);
        });
        return f;
    }

    private void reply(RoutingContext ctx, String contentType, Slot slot, Throwable failure) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return; // the client went away while the body was made
        }
        if (failure != null) {
            Problems.fail(ctx, failure);
            return;
        }
        String etag = "W/\"" + slot.seq() + "-" + BOOT + "\"";
        String match = ctx.request().getHeader("If-None-Match");
        if (match != null && match.contains(etag)) {
            ctx.response().setStatusCode(304).putHeader("ETag", etag).end();
        } else {
            ctx.response().putHeader("Content-Type", contentType).putHeader("ETag", etag)
                    .putHeader("Cache-Control", "no-cache").end(slot.body());
        }
    }

    private Counter counter(String read) {
        return encoded.computeIfAbsent(read, r -> Counter.builder("tocsin_read_bodies_encoded")
                .description("Large read bodies encoded (once per board seq and variant, then shared by every "
                        + "reader)").tag("read", r).register(metrics));
    }

    /** Keeps the finished bodies under the byte budget, dropping those of the oldest seqs first (never keep's). */
    private void trim(Key keep) {
        long total = 0;
        for (Variant v : variants.values()) {
            total += size(v);
        }
        if (total <= BUDGET_BYTES) {
            return;
        }
        List<Map.Entry<Key, Variant>> oldestFirst = variants.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> seqOf(e.getValue()))).toList();
        for (Map.Entry<Key, Variant> e : oldestFirst) {
            if (total <= BUDGET_BYTES) {
                return;
            }
            if (e.getKey().equals(keep)) {
                continue;
            }
            Variant v = e.getValue();
            synchronized (v) {
                total -= size(v);
                v.done = null;
                if (v.running == null) {
                    variants.remove(e.getKey(), v);
                }
            }
        }
    }

    private static long size(Variant v) {
        synchronized (v) {
            return v.done == null ? 0 : v.done.body().length();
        }
    }

    private static long seqOf(Variant v) {
        synchronized (v) {
            return v.done == null ? Long.MAX_VALUE : v.done.seq();
        }
    }
}
