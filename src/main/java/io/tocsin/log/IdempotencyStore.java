package io.tocsin.log;

import io.tocsin.domain.IdempotencyKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code idempotency} table: which events a client's keyed write appended. Rows are written inside the append's
 * transaction (so a key exists exactly when its events do) and read on the caller's connection.
 */
final class IdempotencyStore {

    Optional<IdempotencyKey.Stored> find(Connection c, IdempotencyKey key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT fingerprint, first_seq, event_count FROM idempotency WHERE scope = ? AND idem_key = ?")) {
            q.setString(1, key.scope());
            q.setString(2, key.key());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new IdempotencyKey.Stored(rs.getString(1), rs.getLong(2), rs.getInt(3)))
                        : Optional.empty();
            }
        }
    }

    void record(Connection c, IdempotencyKey key, long firstSeq, int count) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO idempotency"
                + " (scope, idem_key, fingerprint, first_seq, event_count, created_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, key.scope());
            ins.setString(2, key.key());
            ins.setString(3, key.fingerprint());
            ins.setLong(4, firstSeq);
            ins.setInt(5, count);
            ins.setLong(6, System.currentTimeMillis());
            ins.executeUpdate();
        }
    }

    int forget(Connection c, long beforeEpochMilli) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM idempotency WHERE created_ms < ?")) {
            del.setLong(1, beforeEpochMilli);
            return del.executeUpdate();
        }
    }
}
