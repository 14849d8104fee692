package io.tocsin.push;

import io.tocsin.db.Database;
import io.tocsin.domain.StoreUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The durable cursor of every log follower (a webhook subscription, the MQTT bridge): the last seq it delivered, in
 * the {@code push_cursors} table beside the log. Advances are written in batches ({@link #saveAll}: one transaction,
 * one fsync, for any number of followers), so a thousand subscriptions delivering one alert do not cost a thousand
 * commits. A cursor written late only means an event delivered again after a crash, never one skipped: it is
 * advanced in memory only once its event was delivered.
 */
public final class CursorStore {
    private final Database db;

    public CursorStore(Database db) {
        this.db = db;
    }

    public OptionalLong load(String consumer) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(
                "SELECT seq FROM push_cursors WHERE consumer = ?")) {
            q.setString(1, consumer);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the cursor of " + consumer + ": " + e.getMessage(), e);
        }
    }

    /** Every cursor whose consumer name starts with {@code prefix}. */
    public Map<String, Long> loadAll(String prefix) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(
                "SELECT consumer, seq FROM push_cursors")) {
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).startsWith(prefix)) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read cursors: " + e.getMessage(), e);
        }
    }

    /** Writes every given cursor in one transaction. A cursor never moves back: a lower seq than stored is ignored. */
    public void saveAll(Map<String, Long> cursors) {
        if (cursors.isEmpty()) {
            return;
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement up = c.prepareStatement("INSERT INTO push_cursors (consumer, seq, updated_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq, "
                        + "updated_at = excluded.updated_at WHERE push_cursors.seq < excluded.seq")) {
                    String now = Instant.now().toString();
                    for (var e : cursors.entrySet()) {
                        up.setString(1, e.getKey());
                        up.setLong(2, e.getValue());
                        up.setString(3, now);
                        up.addBatch();
                    }
                    return up.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store " + cursors.size() + " cursors: " + e.getMessage(), e);
        }
    }

    /** Sets a cursor to exactly {@code seq}, backwards too (a follower created at the head, or reset). */
    public void reset(String consumer, long seq) {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(
                "INSERT INTO push_cursors (consumer, seq, updated_at) VALUES (?, ?, ?) ON CONFLICT (consumer) "
                        + "DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at")) {
            up.setString(1, consumer);
            up.setLong(2, seq);
            up.setString(3, Instant.now().toString());
            up.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store the cursor of " + consumer + ": " + e.getMessage(), e);
        }
    }

    public void delete(String consumer) {
        try (Connection c = db.connection(); PreparedStatement d = c.prepareStatement(
                "DELETE FROM push_cursors WHERE consumer = ?")) {
            d.setString(1, consumer);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot delete the cursor of " + consumer + ": " + e.getMessage(), e);
        }
    }
}
