package io.tocsin.push;

import io.tocsin.domain.Board;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The end of the log that push followers have yet to deliver, read once for all of them: a thousand webhook
 * subscriptions at the same cursor cost one read of the log, not a thousand. It folds a board of its own as it
 * reads, so each {@link Entry} carries the board before and after its event (the snapshots are persistent: keeping
 * one per entry costs a few nodes each). Entries at or below the {@linkplain #trim floor} are dropped; a follower
 * that needs one again (a subscription re-enabled after days) {@linkplain #from rewinds} the tail, which folds the
 * log again from its start.
 *
 * <p>Events arrive two ways: {@link #offer} from the desk as they become durable (the fast path, no read), and
 * {@link #catchUp} from the log (another process's appends, a missed offer). Both keep seq order.
 */
public final class Tail {
    private static final int PAGE = 1000;
    private final EventLog log;
    private final RegionTree tree;
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private Board board;
    /** Entries exist for seqs above this. */
    private volatile long floor;
    private volatile long head;

    public Tail(EventLog log, RegionTree tree) {
        this.log = log;
        this.tree = tree;
        this.board = new Board(tree);
    }

    /** The highest seq folded. */
    public long head() {
        return head;
    }

    /** The log's own head (not what the tail has folded). */
    public long logHead() {
        return log.lastSeq();
    }

    /** The board as of the head. */
    public synchronized BoardSnapshot board() {
        return board.snapshot();
    }

    /**
     * Makes sure entries after {@code seq} are (or will be) kept: called for each follower's cursor before it reads.
     * Below the floor the tail folds the log again from the start (rare: a follower behind all others).
     */
    public synchronized void from(long seq) {
        if (seq >= floor) {
            return;
        }
        entries.clear();
        board = new Board(tree);
        head = 0;
        floor = seq;
        fold(seq);
        // And keep what follows, up to the log's head: the followers ahead of this one need it back.
        for (List<LoggedEvent> page = log.after(head, PAGE); !page.isEmpty(); page = log.after(head, PAGE)) {
            page.forEach(this::keep);
        }
    }

    /**
     * At start, before any follower reads: folds up to the lowest cursor without keeping entries no follower needs.
     */
    public synchronized void skipTo(long seq) {
        if (entries.isEmpty() && head < seq) {
            floor = seq;
            fold(seq);
        }
    }

    /** The first entry after {@code seq}, or null when the tail has none yet. */
    public Entry next(long seq) {
        var e = entries.higherEntry(seq);
        return e == null ? null : e.getValue();
    }

    /** Folds an event the desk has just made durable, if it is the next one; otherwise {@link #catchUp} will. */
    public synchronized boolean offer(LoggedEvent e) {
        if (e.seq() != head + 1) {
            return false;
        }
        keep(e);
        return true;
    }

    /** Reads and folds whatever the log has after the head; returns whether anything was new. */
    public boolean catchUp() {
        boolean any = false;
        while (true) {
            long from = head;
            List<LoggedEvent> page = log.after(from, PAGE);
            synchronized (this) {
                for (LoggedEvent e : page) {
                    if (e.seq() > head) {
                        keep(e);
                        any = true;
                    }
                }
            }
            if (page.size() < PAGE) {
                return any;
            }
        }
    }

    /** Drops the entries every follower has delivered. */
    public synchronized void trim(long delivered) {
        if (delivered <= floor) {
            return;
        }
        long upTo = Math.min(delivered, head);
        entries.headMap(upTo, true).clear();
        floor = upTo;
    }

    public int size() {
        return entries.size();
    }

    /** Folds the log up to {@code seq} without keeping entries (they are before every follower's cursor). */
    private void fold(long seq) {
        while (head < seq) {
            List<LoggedEvent> page = log.after(head, (int) Math.min(PAGE, seq - head));
            if (page.isEmpty()) {
                return;
            }
            for (LoggedEvent e : page) {
                board.apply(e);
                head = e.seq();
            }
        }
    }

    private void keep(LoggedEvent e) {
        BoardSnapshot before = board.snapshot();
        board.apply(e);
        entries.put(e.seq(), new Entry(e, before, board.snapshot()));
        head = e.seq();
    }
}
