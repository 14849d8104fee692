package io.tocsin.log;

import io.tocsin.db.Database;
import io.tocsin.db.Dialect;
import io.tocsin.domain.CommitUnknownException;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.HeadMovedException;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event log on a JDBC database. An append is one transaction: take the append lock, read the chain's tail,
 * refuse if it is not the head the decision was taken on, insert the rows with the next seqs and hashes (and the
 * request's idempotency key), commit. It returns
 * only after the commit, which with SQLite's synchronous=FULL or PostgreSQL's default synchronous_commit means the
 * event is on disk.
 */
public final class JdbcEventLog implements EventLog {
    /** Column 9, {@code format}, names the {@link PayloadCodec} that wrote the payload; the hash covers 1 to 8. */
    private static final String COLUMNS = "seq, at, type, alert_id, actor, payload, prev_hash, hash, format";

    private final Database db;
    private final Dialect dialect;
    private static final PayloadCodec CODEC = PayloadCodec.current();
    private final IdempotencyStore idempotencyStore = new IdempotencyStore();

    public JdbcEventLog(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    /**
     * One transaction: either every event is durable with consecutive seqs, or none is stored. The outcome is told
     * honestly: a failure before the commit is sent is certain ({@link NotRecordedException}: the database rolls
     * back a transaction that never committed); a failure of the commit itself is not ({@link
     * CommitUnknownException}); a failure after the commit (restoring auto-commit, returning the connection) does
     * not change the outcome and is ignored.
     */
    @Override
    public synchronized List<LoggedEvent> appendAfter(long expectedHead, List<Event> events, IdempotencyKey key) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> payloads = events.stream().map(JdbcEventLog::payload).toList();
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
            if (expectedHead != ANY_HEAD && head != expectedHead) {
                rollbackQuietly(c);
                throw new HeadMovedException(expectedHead, head);
            }
            if (key != null && idempotencyStore.find(c, key).isPresent()) {
                rollbackQuietly(c);
                throw new IdempotencyKeyTaken();
            }
            out = insert(c, head, prev, events, payloads);
            if (key != null) {
                idempotencyStore.record(c, key, out.get(0).seq(), out.size());
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof HeadMovedException || e instanceof IdempotencyKeyTaken) {
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
                "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                String payload = payloads.get(i);
                seq++;
                String at = event.at().toString();
                String hash = ChainHash.of(prev, seq, event.type().wire(), at, event.alert().id(),
                        event.actor(), payload);
                ins.setLong(1, seq);
                ins.setString(2, at);
                ins.setString(3, event.type().wire());
                ins.setString(4, event.alert().id());
                ins.setString(5, event.actor());
                ins.setString(6, payload);
                ins.setString(7, prev);
                ins.setString(8, hash);
                ins.setInt(9, CODEC.version());
                ins.executeUpdate();
                out.add(new LoggedEvent(seq, event, prev, hash));
                prev = hash;
            }
        }
        return out;
    }

    @Override
    public synchronized List<LoggedEvent> settledAfter(long afterSeq, int limit) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                // Waits for any append that still holds the lock (PostgreSQL: a backend whose commit is in doubt
                // holds its advisory lock until its transaction is over), so what is read here is final.
                dialect.lockForAppend(c);
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                    q.setLong(1, afterSeq);
                    q.setInt(2, limit);
                    return rows(q);
                }
            } finally {
                rollbackQuietly(c);
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection; the pool discards it
                }
            }
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    @Override
    public Optional<IdempotencyKey.Stored> findIdempotent(IdempotencyKey key) {
        try (Connection c = db.connection()) {
            return idempotencyStore.find(c, key);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    @Override
    public int forgetIdempotencyKeys(long beforeEpochMilli) {
        try (Connection c = db.connection()) {
            return idempotencyStore.forget(c, beforeEpochMilli);
        } catch (SQLException e) {
            throw new LogException("write failed on " + dialect.name(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
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

    @Override
    public List<LoggedEvent> after(long afterSeq, int limit) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            q.setLong(1, afterSeq);
            q.setInt(2, limit);
            return rows(q);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    private static List<LoggedEvent> rows(PreparedStatement q) throws SQLException {
        List<LoggedEvent> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    @Override
    public List<LoggedEvent> forAlert(String alertId) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM events WHERE alert_id = ? ORDER BY seq LIMIT 10000")) {
            q.setString(1, alertId);
            return rows(q);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    @Override
    public long lastSeq() {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    @Override
    public ChainCheck verify() {
        return verify(java.util.Collections.emptyNavigableMap(), true);
    }

    /**
     * Recomputes the hash chain from the stored rows, decodes every row (when {@code decodeRows}), and holds the
     * chain to {@code anchors} (seq → hash, from checkpoints signed outside the database): a chain rewritten with
     * every hash recomputed no longer reaches an anchor's hash at its seq, and a log whose head is below the last
     * anchor lost its tail. Names the first seq where any of these fails. Decoding is most of the cost (about three
     * quarters of it), so the server's start-up check leaves it to the rebuild that decodes every row anyway.
     */
    public ChainCheck verify(java.util.NavigableMap<Long, String> anchors, boolean decodeRows) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM events ORDER BY seq")) {
            q.setFetchSize(1000);
            String prev = ChainHash.GENESIS;
            long expected = 1;
            long checked = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        return new ChainCheck(checked, expected, "seq " + expected + " is missing");
                    }
                    if (!prev.equals(rs.getString(7))) {
                        return new ChainCheck(checked, seq, "prev_hash does not match the previous row's hash");
                    }
                    String hash = ChainHash.of(prev, seq, rs.getString(3), rs.getString(2), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                    if (!hash.equals(rs.getString(8))) {
                        return new ChainCheck(checked, seq, "hash does not match the row's contents");
                    }
                    String anchored = anchors.get(seq);
                    if (anchored != null && !anchored.equals(hash)) {
                        Long before = anchors.lowerKey(seq);
                        return new ChainCheck(checked, seq, "the chain up to seq " + seq + " does not match the "
                                + "checkpoint signed at seq " + seq + ": an event in " + seqs(before == null ? 1 : before + 1, seq)
                                + " was altered and the hashes after it recomputed");
                    }
                    if (decodeRows) {
                        try {
                            row(rs);
                        } catch (UnreadableEventException e) {
                            return new ChainCheck(checked, seq, e.getMessage());
                        }
                    }
                    prev = hash;
                    expected++;
                    checked++;
                }
            }
            long head = expected - 1;
            if (!anchors.isEmpty() && anchors.lastKey() > head) {
                return new ChainCheck(checked, head + 1, "the log ends at seq " + head + " but a checkpoint was "
                        + "signed at seq " + anchors.lastKey() + ": the tail (" + seqs(head + 1, anchors.lastKey())
                        + ") was removed");
            }
            return new ChainCheck(checked, 0, "intact");
        } catch (SQLException e) {
            throw new LogException("verify failed on " + dialect.name(), e);
        }
    }

    private static String seqs(long from, long to) {
        return from == to ? "seq " + from : "seq " + from + ".." + to;
    }

    /** The database belongs to whoever opened it; closing the log closes nothing. */
    @Override
    public void close() {
    }

    /** Decodes one row; anything undecodable is an {@link UnreadableEventException} naming the row's seq. */
    private static LoggedEvent row(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        try {
            Event e = new Event(EventType.fromWire(rs.getString(3)), Instant.parse(rs.getString(2)),
                    rs.getString(5), PayloadCodec.forFormat(rs.getInt(9)).decode(rs.getString(6)));
            return new LoggedEvent(seq, e, rs.getString(7), rs.getString(8));
        } catch (RuntimeException e) {
            // Not JSON, JSON but not an alert, an unknown type or stored format, a malformed time: all name the row.
            throw new UnreadableEventException(seq, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private static String payload(Event event) {
        return CODEC.encode(event.alert());
    }
}
