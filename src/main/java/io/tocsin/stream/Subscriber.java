package io.tocsin.stream;

import io.tocsin.domain.LoggedEvent;
import io.vertx.core.Context;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One subscriber's delivery state. Everything is touched only on {@link #context}, the event loop that owns the
 * socket, so no locks are needed.
 *
 * <p>Resume without gap or repeat: the subscriber is registered (and starts queueing live events) before the
 * log replay begins; replay sends what the log holds after the client's seq; the queue is then drained skipping
 * every seq the replay already covered; from then on events are written as they come.
 */
final class Subscriber {
    /** Live events held during replay; a subscriber whose replay falls this far behind is cut off to resume. */
    static final int MAX_QUEUED = 10_000;

    final Context context;
    final Sink sink;
    final StreamFilter filter;
    /** The last seq the hub dispatched to this subscriber; touched only on its loop. */
    long dispatchStamp;
    /** Position in its loop's list of subscribers (for O(1) removal), -1 when not listed. */
    int slot = -1;

    private ArrayDeque<Encoded> queue = new ArrayDeque<>();
    private long coveredSeq;
    private boolean closed;

    Subscriber(Context context, Sink sink, StreamFilter filter, long afterSeq) {
        this.context = context;
        this.sink = sink;
        this.filter = filter;
        this.coveredSeq = afterSeq;
    }

    boolean closed() {
        return closed;
    }

    /** A live event. Returns false when the subscriber had to be cut off. */
    boolean deliver(Encoded e) {
        if (closed) {
            return true;
        }
        if (queue != null) {
            if (queue.size() >= MAX_QUEUED) {
                return false;
            }
            queue.add(e);
            return true;
        }
        return write(e);
    }

    /** A page of replayed events, already filtered; {@code upTo} is the last seq the page read from the log. */
    boolean replay(List<Encoded> page, long upTo) {
        for (Encoded e : page) {
            if (!closed && e.seq() > coveredSeq) {
                sink.write(e.frame(sink.transport()));
                coveredSeq = e.seq();
            }
        }
        coveredSeq = Math.max(coveredSeq, upTo);
        return !closed;
    }

    /** Ends replay: sends the queued live events the replay did not cover and goes live. */
    boolean goLive() {
        ArrayDeque<Encoded> held = queue;
        queue = null;
        for (Encoded e : held) {
            if (!write(e)) {
                return false;
            }
        }
        return true;
    }

    private boolean write(Encoded e) {
        if (closed || e.seq() <= coveredSeq) {
            return true;
        }
        if (sink.congested()) {
            return false;
        }
        sink.write(e.frame(sink.transport()));
        coveredSeq = e.seq();
        return true;
    }

    long coveredSeq() {
        return coveredSeq;
    }

    void markClosed() {
        closed = true;
    }

    /** Public events that match the filter; review requests only for an authenticated reviewer (see the filter). */
    boolean wants(LoggedEvent e, io.tocsin.domain.RegionTree tree) {
        return filter.wants(e.event(), tree);
    }
}
