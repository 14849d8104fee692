package io.tocsin.domain;

import java.util.List;

/**
 * The port to the append-only, hash-chained event log: the single source of truth. Implementations: SQLite
 * (embedded) and PostgreSQL, proven by one contract test.
 */
public interface EventLog extends AutoCloseable {

    /** Appends the event and returns only once it is durable (fsynced / committed). */
    LoggedEvent append(Event event);

    /**
     * Appends several events that belong together (an approval and the alert it releases). Implementations should
     * make this one transaction; this default is correct only for a log that cannot fail between appends.
     */
    default List<LoggedEvent> appendAll(List<Event> events) {
        return events.stream().map(this::append).toList();
    }

    /** Up to {@code limit} events with seq greater than {@code afterSeq}, in seq order. */
    List<LoggedEvent> after(long afterSeq, int limit);

    /** Every event of one alert (its issue, updates, end, approvals), in seq order. */
    List<LoggedEvent> forAlert(String alertId);

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
