package io.tocsin.cap.mapping;

import io.tocsin.db.Database;
import io.tocsin.domain.StoreUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** CAP origins in the {@code cap_origins} table of the same database as the event log (SQLite or PostgreSQL). */
public final class JdbcCapOriginStore implements CapOrigin.Store {
    private static final String COLUMNS = "seq, alert_id, sender, identifier, sent, sender_name, description_uk, "
            + "description_en, web, contact, category, urgency, certainty";
    private final Database db;

    public JdbcCapOriginStore(Database db) {
        this.db = db;
    }

    @Override
    public void record(CapOrigin o) {
        try (Connection c = db.connection(); PreparedStatement ins = c.prepareStatement("INSERT INTO cap_origins ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ins.setLong(1, o.seq());
            String[] text = {o.alertId(), o.sender(), o.identifier(), o.sent(), o.senderName(), o.descriptionUk(),
                    o.descriptionEn(), o.web(), o.contact(), o.category(), o.urgency(), o.certainty()};
            for (int i = 0; i < text.length; i++) {
                ins.setString(i + 2, text[i]);
            }
            ins.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot store the CAP origin: " + e.getMessage(), e);
        }
    }

    @Override
    public List<CapOrigin> forAlert(String alertId) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM cap_origins WHERE alert_id = ? ORDER BY seq")) {
            q.setString(1, alertId);
            List<CapOrigin> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new CapOrigin(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read CAP origins: " + e.getMessage(), e);
        }
    }
}
