package io.tocsin.log;

import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code events} table's columns and how a row becomes a {@link LoggedEvent}. */
final class EventRows {
    /** Column 9, {@code format}, names the {@link PayloadCodec} that wrote the payload; the hash covers 1 to 8. */
    static final String COLUMNS = "seq, at, type, alert_id, actor, payload, prev_hash, hash, format";

    private EventRows() {
    }

    static List<LoggedEvent> rows(PreparedStatement q) throws SQLException {
        List<LoggedEvent> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** Decodes one row; anything undecodable is an {@link UnreadableEventException} naming the row's seq. */
    static LoggedEvent row(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        try {
            int format = rs.getInt(9);
            EventType type = EventType.fromWire(rs.getString(3));
            Instant at = Instant.parse(rs.getString(2));
            Event e = format == ReportCodec.FORMAT
                    ? Event.report(type, at, rs.getString(5), ReportCodec.decode(rs.getString(6)))
                    : format == ShelterCodec.FORMAT
                    ? Event.shelter(at, rs.getString(5), ShelterCodec.decode(rs.getString(6)))
                    : new Event(type, at, rs.getString(5), PayloadCodec.forFormat(format).decode(rs.getString(6)));
            return new LoggedEvent(seq, e, rs.getString(7), rs.getString(8));
        } catch (RuntimeException e) {
            // Not JSON, JSON but not an alert, an unknown type or stored format, a malformed time: all name the row.
            throw new UnreadableEventException(seq, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

}
