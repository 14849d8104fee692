package io.tocsin.stream;

import io.tocsin.domain.RegionTree;
import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The subscribers of one event loop and their delivery. Everything here runs on that loop, so the fan-out is a
 * plain loop over plain collections: no locks, no hand-off per subscriber, and each loop of a multi-loop server
 * fans out its own share in parallel.
 *
 * <p>Membership changes never disturb a walk. Delivering to one subscriber can close another (a cut-off, a socket
 * that turns out to be gone runs its close handler at once), and removing it from the index while the walk iterates
 * the index would skip or abort the rest of the walk, so healthy subscribers would miss the event for good. While a
 * walk is in progress, removals and additions are queued and applied when the outermost walk ends. One subscriber's
 * exception is contained: it is reported and that subscriber alone is closed; the walk goes on.
 */
final class LoopHub {
    /** Keep-alives are spread over this many ticks of a second, so they never go out as one burst. */
    private static final int KEEP_ALIVE_SLICES = (int) Hub.KEEP_ALIVE.toSeconds();

    final Context context;
    private final RegionTree tree;
    private final RegionIndex index;
    private final List<Subscriber> removeAfterWalk = new ArrayList<>();
    private final List<Subscriber> addAfterWalk = new ArrayList<>();
    private volatile int size;
    private long tick;
    /** How many walks over the index are in progress (walks can nest through close handlers). */
    private int walking;

    LoopHub(Context context, RegionTree tree, RegionIndex index) {
        this.context = context;
        this.tree = tree;
        this.index = index;
    }

    void add(Subscriber s) {
        if (walking > 0) {
            addAfterWalk.add(s);
        } else {
            index.add(s);
        }
        size++;
    }

    void remove(Subscriber s) {
        if (walking > 0) {
            // A subscriber added and removed within one walk never reaches the index.
            if (!addAfterWalk.remove(s)) {
                removeAfterWalk.add(s);
            }
        } else {
            index.remove(s);
        }
        size--;
    }

    /**
     * Delivers one event to every matching subscriber of this loop; returns how many got it. A subscriber whose
     * delivery throws is handed to {@code failed} (which closes it) and the walk goes on with the others.
     */
    int dispatch(Encoded e, Consumer<Subscriber> cutOff, BiConsumer<Subscriber, RuntimeException> failed) {
        long seq = e.seq();
        int[] delivered = {0};
        walk(() -> index.candidates(e.event.event().alert().regions(), s -> {
            if (s.dispatchStamp < seq && !s.closed()) {
                s.dispatchStamp = seq;
                try {
                    if (!s.wants(e.event, tree)) {
                        return;
                    }
                    if (!s.deliver(e)) {
                        cutOff.accept(s);
                    } else if (!s.closed()) {
                        delivered[0]++;
                    }
                } catch (RuntimeException ex) {
                    failed.accept(s, ex);
                }
            }
        }));
        return delivered[0];
    }

    /** Called every second: one slice of this loop's subscribers gets its keep-alive. */
    void keepAliveTick(BiConsumer<Subscriber, RuntimeException> failed) {
        long slice = tick++ % KEEP_ALIVE_SLICES;
        walk(() -> index.forEach(s -> {
            if (!s.closed() && (System.identityHashCode(s) & 0x7fffffff) % KEEP_ALIVE_SLICES == slice) {
                try {
                    s.sink.keepAlive();
                } catch (RuntimeException ex) {
                    failed.accept(s, ex);
                }
            }
        }));
    }

    /** A snapshot of this loop's open subscribers (closing them changes the index). */
    List<Subscriber> open() {
        List<Subscriber> all = new ArrayList<>(size);
        walk(() -> index.forEach(s -> {
            if (!s.closed()) {
                all.add(s);
            }
        }));
        all.addAll(addAfterWalk);
        return all;
    }

    /** Runs a walk over the index; membership changes made meanwhile are applied when the outermost walk ends. */
    private void walk(Runnable body) {
        walking++;
        try {
            body.run();
        } finally {
            if (--walking == 0) {
                applyDeferred();
            }
        }
    }

    private void applyDeferred() {
        if (!removeAfterWalk.isEmpty()) {
            removeAfterWalk.forEach(index::remove);
            removeAfterWalk.clear();
        }
        if (!addAfterWalk.isEmpty()) {
            addAfterWalk.forEach(index::add);
            addAfterWalk.clear();
        }
    }

    int size() {
        return size;
    }
}
