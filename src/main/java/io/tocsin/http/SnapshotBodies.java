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
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
    private final Map<Key, Slot> cache = new ConcurrentHashMap<>();
    private final Map<String, Counter> encoded = new ConcurrentHashMap<>();

    SnapshotBodies(Vertx vertx, MeterRegistry metrics) {
        this.vertx = vertx;
        this.encoders = vertx.createSharedWorkerExecutor("tocsin-read-encoder", ENCODERS);
        this.metrics = metrics;
    }

    /** What a body depends on besides the snapshot: which read, and its filter or URL. */
    private record Key(String read, Object variant) {
    }

    /** One body for one seq: being encoded, or done. */
    private record Slot(long seq, CompletableFuture<Buffer> body) {
    }

    /**
     * Replies with the body of {@code read} for {@code variant} as of {@code snapshot} (or of a newer snapshot, when
     * one has already been encoded), encoding it only if no request has done so for that seq.
     */
    void serve(RoutingContext ctx, String read, Object variant, BoardSnapshot snapshot, String contentType,
               Function<BoardSnapshot, byte[]> encode) {
        Key key = new Key(read, Objects.requireNonNull(variant));
        Slot[] mine = new Slot[1];
        Slot slot = cache.compute(key, (k, old) -> {
            if (old != null && old.seq() >= snapshot.seq() && !old.body().isCompletedExceptionally()) {
                return old;
            }
            mine[0] = new Slot(snapshot.seq(), new CompletableFuture<>());
            return mine[0];
        });
        if (slot == mine[0]) {
            encoders.<byte[]>executeBlocking(() -> encode.apply(snapshot), false).onComplete(ar -> {
                if (ar.succeeded()) {
                    counter(read).increment();
                    slot.body().complete(Buffer.buffer(ar.result()));
                    trim(key);
                } else {
                    cache.remove(key, slot);
                    slot.body().completeExceptionally(ar.cause());
                }
            });
        }
        String etag = "W/\"" + slot.seq() + "-" + BOOT + "\"";
        Context loop = vertx.getOrCreateContext();
        slot.body().whenComplete((body, failure) -> loop.runOnContext(v -> {
            if (ctx.response().closed() || ctx.response().ended()) {
                return; // the client went away while the body was made
            }
            String match = ctx.request().getHeader("If-None-Match");
            if (failure != null) {
                Problems.fail(ctx, failure);
            } else if (match != null && match.contains(etag)) {
                ctx.response().setStatusCode(304).putHeader("ETag", etag).end();
            } else {
                ctx.response().putHeader("Content-Type", contentType).putHeader("ETag", etag)
                        .putHeader("Cache-Control", "no-cache").end(body);
            }
        }));
    }

    private Counter counter(String read) {
        return encoded.computeIfAbsent(read, r -> Counter.builder("tocsin_read_bodies_encoded")
                .description("large read bodies encoded (once per board seq and variant)").tag("read", r)
                .register(metrics));
    }

    /** Keeps the finished bodies under the byte budget, dropping the oldest seqs first (never {@code keep}). */
    private void trim(Key keep) {
        long total = cache.values().stream().mapToLong(SnapshotBodies::size).sum();
        if (total <= BUDGET_BYTES) {
            return;
        }
        for (Map.Entry<Key, Slot> e : cache.entrySet().stream()
                .sorted(Comparator.comparingLong(x -> x.getValue().seq())).toList()) {
            if (total <= BUDGET_BYTES) {
                return;
            }
            if (!e.getKey().equals(keep) && e.getValue().body().isDone() && cache.remove(e.getKey(), e.getValue())) {
                total -= size(e.getValue());
            }
        }
    }

    private static long size(Slot s) {
        if (!s.body().isDone() || s.body().isCompletedExceptionally()) {
            return 0;
        }
        return s.body().join().length();
    }
}
