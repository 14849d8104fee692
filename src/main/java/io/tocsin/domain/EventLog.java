package io.tocsin.domain;

import java.util.List;
import java.util.Optional;

/**
 * The port to the append-only, hash-chained event log: the single source of truth. Implementations: SQLite
 * (embedded) and PostgreSQL, proven by one contract test.
 */
public interface EventLog extends AutoCloseable {

    /** For {@link #appendAfter}: append whatever the head is (tools and tests; a decision never uses it). */
    long ANY_HEAD = -1;

    /** Appends the event whatever the head, and returns only once it is durable (fsynced / committed). */
    default LoggedEvent append(Event event) {
        return appendAll(List.of(event)).get(0);
    }

    /** Appends events that belong together (an approval and the alert it releases) whatever the head. */
    default List<LoggedEvent> appendAll(List<Event> events) {
        return appendAfter(ANY_HEAD, events, null);
    }

    /**
     * Appends events that belong together in one transaction, only if the log's head is still {@code expectedHead}
     * (the seq the decision was taken on), and records {@code key} (may be null) with them. Returns only once they
     * are durable.
     *
     * @throws HeadMovedException      the head moved: nothing was recorded
     * @throws IdempotencyKeyTaken     the key was recorded meanwhile (by another process): nothing was recorded
     * @throws NotRecordedException    the append failed before its commit was sent: nothing was recorded
     * @throws CommitUnknownException  the commit was sent but not acknowledged: settle it with {@link #settledAfter}
     */
    List<LoggedEvent> appendAfter(long expectedHead, List<Event> events, IdempotencyKey key);

    /**
     * Up to {@code limit} events after {@code afterSeq}, read once every append in progress has finished (under the
     * append lock), so an unacknowledged commit's outcome is final when this returns.
     */
    List<LoggedEvent> settledAfter(long afterSeq, int limit);

    /** The write recorded under this key's scope and key, if any. */
    Optional<IdempotencyKey.Stored> findIdempotent(IdempotencyKey key);

    /** Forgets idempotency keys recorded before {@code beforeEpochMilli}; returns how many. */
    int forgetIdempotencyKeys(long beforeEpochMilli);

    /** The key of {@link #appendAfter} was recorded meanwhile; nothing was recorded by this append. */
    final class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken() {
            super("the idempotency key was recorded meanwhile", null, false, false);
        }
    }

    /** Up to {@code limit} events with seq greater than {@code afterSeq}, in seq order. */
    List<LoggedEvent> after(long afterSeq, int limit);

    /** Every event of one alert (its issue, updates, end, approvals), in seq order. */
    List<LoggedEvent> forAlert(String alertId);

    /**
     * The alert ids of every event of one type (an import asks which of its alerts are recorded already, so that
     * running it twice adds nothing). The default reads the whole log; a store answers from its index.
     */
    default java.util.Set<String> alertIdsOf(EventType type) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<LoggedEvent> page = after(0, 5000); !page.isEmpty();
             page = after(page.get(page.size() - 1).seq(), 5000)) {
            page.stream().filter(e -> e.event().type() == type).forEach(e -> out.add(e.event().subjectId()));
        }
        return out;
    }

    /** The highest seq in the log, 0 when empty. */
    long lastSeq();

    /** Recomputes the hash chain from the stored rows. */
    ChainCheck verify();

    @Override
    void close();

    /** The outcome of a chain check: {@code firstBrokenSeq} is 0 when the chain is intact. */
    record ChainCheck(long checked, long firstBrokenSeq, String reason) {
        public boolean intact() {
            return firstBrokenSeq == 0;
        }
    }
}
