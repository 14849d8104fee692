package io.tocsin.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tocsin.db.Database;
import io.tocsin.db.Dialect;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.AlertJson;
import io.tocsin.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The event log on a JDBC database. An append is one transaction: take the append lock, read the chain's tail,
 * insert the row (or every row of an {@link #appendAll} batch) with the next seqs and hashes, commit. It returns
 * only after the commit, which with SQLite's synchronous=FULL or PostgreSQL's default synchronous_commit means the
 * event is on disk.
 */
public final class JdbcEventLog implements EventLog {
    private static final String COLUMNS = "seq, at, type, alert_id, actor, payload, prev_hash, hash";

    private final Database db;
    private final Dialect dialect;

    public JdbcEventLog(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public LoggedEvent append(Event event) {
        return appendAll(List.of(event)).get(0);
    }

    /** One transaction: either every event is durable with consecutive seqs, or none is stored. */
    @Override
    public synchronized List<LoggedEvent> appendAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> payloads = events.stream().map(JdbcEventLog::payload).toList();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                dialect.lockForAppend(c);
                long seq = 0;
                String prev = ChainHash.GENESIS;
                try (var st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        prev = rs.getString(2);
                    }
                }
                List<LoggedEvent> out = new ArrayList<>(events.size());
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                        ins.executeUpdate();
                        out.add(new LoggedEvent(seq, event, prev, hash));
                        prev = hash;
                    }
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogException("append failed on " + dialect.name(), e);
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
                    prev = hash;
                    expected++;
                    checked++;
                }
            }
            return new ChainCheck(checked, 0, "intact");
        } catch (SQLException e) {
            throw new LogException("verify failed on " + dialect.name(), e);
        }
    }

    /** The database belongs to whoever opened it; closing the log closes nothing. */
    @Override
    public void close() {
    }

    private static LoggedEvent row(ResultSet rs) throws SQLException {
        try {
            Event e = new Event(EventType.fromWire(rs.getString(3)), Instant.parse(rs.getString(2)),
                    rs.getString(5), AlertJson.read(Json.MAPPER.readTree(rs.getString(6))));
            return new LoggedEvent(rs.getLong(1), e, rs.getString(7), rs.getString(8));
        } catch (JsonProcessingException e) {
            throw new LogException("event " + rs.getLong(1) + " has an unreadable payload", e);
        }
    }

    private static String payload(Event event) {
        try {
            return Json.MAPPER.writeValueAsString(AlertJson.write(event.alert()));
        } catch (JsonProcessingException e) {
            throw new LogException("cannot encode event", e);
        }
    }
}
