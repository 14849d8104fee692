package io.tocsin.cap.mapping;

import io.tocsin.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** CAP links in the {@code cap_links} table of the same database as the event log (SQLite or PostgreSQL). */
public final class JdbcCapLinkStore implements CapLinks.Store {
    private final Database db;

    public JdbcCapLinkStore(Database db) {
        this.db = db;
    }

    @Override
    public void put(String sender, String identifier, String alertId) {
        try (Connection c = db.connection(); PreparedStatement ins = c.prepareStatement(
                "INSERT INTO cap_links (sender, identifier, alert_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ins.setString(1, sender);
            ins.setString(2, identifier);
            ins.setString(3, alertId);
            ins.executeUpdate();
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot store the CAP link: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> get(String sender, String identifier) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(
                "SELECT alert_id FROM cap_links WHERE sender = ? AND identifier = ?")) {
            q.setString(1, sender);
            q.setString(2, identifier);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot read CAP links: " + e.getMessage(), e);
        }
    }
}
