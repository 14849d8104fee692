package io.tocsin.audit;

import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.log.UnreadableEventException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The log as served after {@code --accept-broken-chain}: events that cannot be decoded are left out of every read
 * (each logged once, by seq) instead of failing the board's rebuild, every replay and every page that touches them.
 * Writes, idempotency keys and the chain check pass straight through.
 */
final class TolerantEventLog implements EventLog {
    private static final Logger LOG = Logger.getLogger(TolerantEventLog.class.getName());

    private final EventLog log;
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();

    TolerantEventLog(EventLog log) {
        this.log = log;
    }

    @Override
    public List<LoggedEvent> appendAfter(long expectedHead, List<Event> events, IdempotencyKey key) {
        return log.appendAfter(expectedHead, events, key);
    }

    @Override
    public List<LoggedEvent> after(long afterSeq, int limit) {
        return skipping(log::after, afterSeq, limit);
    }

    @Override
    public List<LoggedEvent> settledAfter(long afterSeq, int limit) {
        return skipping(log::settledAfter, afterSeq, limit);
    }

    @Override
    public Optional<IdempotencyKey.Stored> findIdempotent(IdempotencyKey key) {
        return log.findIdempotent(key);
    }

    @Override
    public int forgetIdempotencyKeys(long beforeEpochMilli) {
        return log.forgetIdempotencyKeys(beforeEpochMilli);
    }

    private interface Pages {
        List<LoggedEvent> read(long afterSeq, int limit);
    }

    private List<LoggedEvent> skipping(Pages pages, long afterSeq, int limit) {
        try {
            return pages.read(afterSeq, limit);
        } catch (UnreadableEventException e) {
            skipped(e);
            // The page failed at its first unreadable row, e.seq(): read the rows before it one at a time (a count
            // cannot stop a page at a seq when seqs have gaps), then go on past it.
            List<LoggedEvent> out = new ArrayList<>();
            long cursor = afterSeq;
            while (out.size() < limit && cursor < e.seq()) {
                try {
                    List<LoggedEvent> one = pages.read(cursor, 1);
                    if (one.isEmpty()) {
                        return out;
                    }
                    out.add(one.get(0));
                    cursor = one.get(0).seq();
                } catch (UnreadableEventException bad) {
                    skipped(bad);
                    cursor = bad.seq();
                }
            }
            if (out.size() < limit) {
                out.addAll(skipping(pages, cursor, limit - out.size()));
            }
            return out;
        }
    }

    @Override
    public List<LoggedEvent> forAlert(String alertId) {
        try {
            return log.forAlert(alertId);
        } catch (UnreadableEventException e) {
            skipped(e);
            // The alert's history has a row that cannot be read: what the board knows of it is all there is.
            return List.of();
        }
    }

    @Override
    public long lastSeq() {
        return log.lastSeq();
    }

    @Override
    public ChainCheck verify() {
        return log.verify();
    }

    @Override
    public void close() {
        log.close();
    }

    private void skipped(UnreadableEventException e) {
        if (reported.add(e.seq())) {
            LOG.severe("--accept-broken-chain: skipping event " + e.seq() + ", which cannot be read ("
                    + e.getMessage() + ")");
        }
    }
}
