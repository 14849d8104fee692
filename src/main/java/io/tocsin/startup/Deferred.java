package io.tocsin.startup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A value built from shipped data that a server needs only for some requests (point lookups, name search, the
 * compatibility APIs' location table): built on a background thread once the server listens ({@link #start()}),
 * or by the first caller that needs it, who then waits. Nothing answers without it, so deferring it only makes
 * the first such request of a process slower, never wrong. A failed build fails every use, naming what failed.
 */
public final class Deferred<T> {
    private static final Logger LOG = Logger.getLogger(Deferred.class.getName());

    private final String what;
    private final Supplier<T> build;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** {@link #result}'s value once known: a plain read on the request path (the values are immutable). */
    private volatile T value;

    private Deferred(String what, Supplier<T> build) {
        this.what = what;
        this.build = build;
    }

    /** Built when {@link #start()} is called or on first use. */
    public static <T> Deferred<T> of(String what, Supplier<T> build) {
        return new Deferred<>(what, build);
    }

    /** Already built. */
    public static <T> Deferred<T> done(String what, T value) {
        Deferred<T> d = new Deferred<>(what, () -> value);
        d.started.set(true);
        d.value = value;
        d.result.complete(value);
        return d;
    }

    /** Starts building on a background thread unless that has begun; returns at once. */
    public Deferred<T> start() {
        if (started.compareAndSet(false, true)) {
            Thread.ofVirtual().name("deferred-" + what.replace(' ', '-')).start(() -> {
                try {
                    result.complete(build.get());
                } catch (Throwable e) {
                    LOG.severe("cannot build " + what + "; what needs it will fail: " + e);
                    result.completeExceptionally(e);
                }
            });
        }
        return this;
    }

    /** The value, waiting for it if it is still being built. */
    public T get() {
        T v = value;
        if (v == null) {
            start();
            try {
                v = result.join();
            } catch (CompletionException e) {
                throw new IllegalStateException(what + " could not be loaded: " + e.getCause().getMessage(),
                        e.getCause());
            }
            value = v;
        }
        return v;
    }

    /** Whether it is built, so that uses answer without waiting. */
    public boolean ready() {
        return result.isDone() && !result.isCompletedExceptionally();
    }
}
