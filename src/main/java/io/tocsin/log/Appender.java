package io.tocsin.log;

import io.tocsin.db.Database;
import io.tocsin.db.Dialect;
import io.tocsin.domain.CommitUnknownException;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.HeadMovedException;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.NotRecordedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The append transaction: take the append lock, read the chain's tail, refuse if it is not the head the decision
 * was taken on, insert the rows with the next seqs and hashes (and the request's idempotency key), commit.
 */
final class Appender {
    /** Rows sent to the database per batch; a single alert's append is a batch of one. */
    private static final int BATCH = 500;

    private final Database db;
    private final Dialect dialect;
    private final IdempotencyStore idempotencyStore;

    Appender(Database db, IdempotencyStore idempotencyStore) {
        this.db = db;
        this.dialect = db.dialect();
        this.idempotencyStore = idempotencyStore;
    }

    /**
     * One transaction: either every event is durable with consecutive seqs, or none is stored. The outcome is told
     * honestly: a failure before the commit is sent is certain ({@link NotRecordedException}: the database rolls
     * back a transaction that never committed); a failure of the commit itself is not ({@link
     * CommitUnknownException}); a failure after the commit (restoring auto-commit, returning the connection) does
     * not change the outcome and is ignored.
     */
    List<LoggedEvent> append(long expectedHead, List<Event> events, IdempotencyKey key) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> payloads = events.stream().map(Appender::payload).toList();
        Connection c = null;
        List<LoggedEvent> out;
        try {
            c = db.connection();
            c.setAutoCommit(false);
            dialect.lockForAppend(c);
            long head = 0;
            String prev = ChainHash.GENESIS;
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
                if (rs.next()) {
                    head = rs.getLong(1);
                    prev = rs.getString(2);
                }
            }
            if (expectedHead != EventLog.ANY_HEAD && head != expectedHead) {
                rollbackQuietly(c);
                throw new HeadMovedException(expectedHead, head);
            }
            if (key != null && idempotencyStore.find(c, key).isPresent()) {
                rollbackQuietly(c);
                throw new EventLog.IdempotencyKeyTaken();
            }
            out = insert(c, head, prev, events, payloads);
            if (key != null) {
                idempotencyStore.record(c, key, out.get(0).seq(), out.size());
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof HeadMovedException || e instanceof EventLog.IdempotencyKeyTaken) {
                closeQuietly(c);
                throw (RuntimeException) e;
            }
            rollbackQuietly(c);
            closeQuietly(c);
            throw new NotRecordedException("append failed on " + dialect.name() + " before its commit; nothing was"
                    + " recorded", e);
        }
        try {
            c.commit();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw new CommitUnknownException(out.get(0).seq(), out.get(0).hash(), e);
        }
        // Committed: nothing that fails from here on may turn the reply into a failure.
        try {
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection; the pool discards it
        }
        closeQuietly(c);
        return out;
    }

    private List<LoggedEvent> insert(Connection c, long head, String prev, List<Event> events, List<String> payloads)
            throws SQLException {
        List<LoggedEvent> out = new ArrayList<>(events.size());
        long seq = head;
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO events (" + EventRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                String payload = payloads.get(i);
                seq++;
                String at = event.at().toString();
                String hash = ChainHash.of(prev, seq, event.type().wire(), at, event.subjectId(),
                        event.actor(), payload);
                ins.setLong(1, seq);
                ins.setString(2, at);
                ins.setString(3, event.type().wire());
                ins.setString(4, event.subjectId());
                ins.setString(5, event.actor());
                ins.setString(6, payload);
                ins.setString(7, prev);
                ins.setString(8, hash);
                ins.setInt(9, format(event));
                ins.addBatch();
                out.add(new LoggedEvent(seq, event, prev, hash));
                prev = hash;
                if ((i + 1) % BATCH == 0) {
                    ins.executeBatch();
                }
            }
            // One round trip per batch, not per row: an import of 43,000 alerts is a few transactions of this.
            ins.executeBatch();
        }
        return out;
    }

    /** The stored form: an alert's codec (form 1 unless it carries a time to shelter), a report's, a setting's. */
    private static String payload(Event e) {
        if (e.report() != null) {
            return ReportCodec.encode(e.report());
        }
        if (e.shelter() != null) {
            return ShelterCodec.encode(e.shelter());
        }
        return PayloadCodecV2.forAlert(e.alert()).encode(e.alert());
    }

    private static int format(Event e) {
        return e.report() != null ? ReportCodec.FORMAT : e.shelter() != null ? ShelterCodec.FORMAT
                : PayloadCodecV2.forAlert(e.alert()).version();
    }

    static void rollbackQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is gone; the database rolls back a transaction that never committed
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // returning a broken connection to the pool; it is evicted
        }
    }

}
