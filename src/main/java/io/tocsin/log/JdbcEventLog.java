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
    private static final String COLUMNS = EventRows.COLUMNS;

    private final Database db;
    private final Dialect dialect;
    private final IdempotencyStore idempotencyStore = new IdempotencyStore();
    private final Appender appender;

    public JdbcEventLog(Database db) {
        this.db = db;
        this.dialect = db.dialect();
        this.appender = new Appender(db, idempotencyStore);
    }

    /**
     * One transaction: either every event is durable with consecutive seqs, or none is stored. The outcome is told
     * honestly: a failure before the commit is sent is certain ({@link io.tocsin.domain.NotRecordedException}); a
     * failure of the commit itself is not ({@link io.tocsin.domain.CommitUnknownException}); a failure after the
     * commit does not change the outcome and is ignored. See {@link Appender}.
     */
    @Override
    public synchronized List<LoggedEvent> appendAfter(long expectedHead, List<Event> events, IdempotencyKey key) {
        return appender.append(expectedHead, events, key);
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
                    return EventRows.rows(q);
                }
            } finally {
                Appender.rollbackQuietly(c);
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

    @Override
    public List<LoggedEvent> after(long afterSeq, int limit) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            q.setLong(1, afterSeq);
            q.setInt(2, limit);
            return EventRows.rows(q);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    @Override
    public List<LoggedEvent> forAlert(String alertId) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM events WHERE alert_id = ? ORDER BY seq LIMIT 10000")) {
            q.setString(1, alertId);
            return EventRows.rows(q);
        } catch (SQLException e) {
            throw new LogException("read failed on " + dialect.name(), e);
        }
    }

    /** Reads the alert_id and type columns only: no payload is decoded (43,000 imported alerts take ~50 ms). */
    @Override
    public java.util.Set<String> alertIdsOf(io.tocsin.domain.EventType type) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT alert_id FROM events WHERE type = ?")) {
            q.setString(1, type.wire());
            java.util.Set<String> out = new java.util.HashSet<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
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
     * chain to {@code anchors} (seq → hash, from checkpoints signed outside the database); see {@link ChainVerifier}.
     */
    public ChainCheck verify(java.util.NavigableMap<Long, String> anchors, boolean decodeRows) {
        return ChainVerifier.verify(db, anchors, decodeRows);
    }

    /** The database belongs to whoever opened it; closing the log closes nothing. */
    @Override
    public void close() {
    }

}
