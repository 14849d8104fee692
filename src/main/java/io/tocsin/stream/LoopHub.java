package io.tocsin.stream;

import io.tocsin.domain.RegionTree;
import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The subscribers of one event loop and their delivery. Everything here runs on that loop, so the fan-out is a
 * plain loop over plain collections: no locks, no hand-off per subscriber, and each loop of a multi-loop server
 * fans out its own share in parallel.
 */
final class LoopHub {
    /** Keep-alives are spread over this many ticks of a second, so they never go out as one burst. */
    private static final int KEEP_ALIVE_SLICES = (int) Hub.KEEP_ALIVE.toSeconds();

    final Context context;
    private final RegionTree tree;
    private final RegionIndex index;
    private volatile int size;
    private long tick;

    LoopHub(Context context, RegionTree tree, RegionIndex index) {
        this.context = context;
        this.tree = tree;
        this.index = index;
    }

    void add(Subscriber s) {
        index.add(s);
        size++;
    }

    void remove(Subscriber s) {
        index.remove(s);
        size--;
    }

    /** Delivers one event to every matching subscriber of this loop; returns how many got it. */
    int dispatch(Encoded e, Consumer<Subscriber> cutOff) {
        long seq = e.seq();
        int[] delivered = {0};
        index.candidates(e.event.event().alert().regions(), s -> {
            if (s.dispatchStamp < seq && s.wants(e.event, tree)) {
                s.dispatchStamp = seq;
                if (!s.deliver(e)) {
                    cutOff.accept(s);
                } else if (!s.closed()) {
                    delivered[0]++;
                }
            }
        });
        return delivered[0];
    }

    /** Called every second: one slice of this loop's subscribers gets its keep-alive. */
    void keepAliveTick() {
        long slice = tick++ % KEEP_ALIVE_SLICES;
        index.forEach(s -> {
            if (!s.closed() && (System.identityHashCode(s) & 0x7fffffff) % KEEP_ALIVE_SLICES == slice) {
                s.sink.keepAlive();
            }
        });
    }

    /** A snapshot of this loop's open subscribers (closing them changes the index). */
    List<Subscriber> open() {
        List<Subscriber> all = new ArrayList<>(size);
        index.forEach(s -> {
            if (!s.closed()) {
                all.add(s);
            }
        });
        return all;
    }

    int size() {
        return size;
    }
}
