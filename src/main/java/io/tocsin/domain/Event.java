package io.tocsin.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of the alert picture, before the log gives it a sequence number. It carries the alert's full state
 * after the change (event-carried state), so the board is a trivial fold and streams need no lookups. An attack
 * report's events ({@link EventType#isReport()}) carry the report instead, and no alert; a time-to-shelter setting
 * ({@link EventType#SHELTER_SET}) carries the setting.
 *
 * @param actor the id of the token that caused it ("system" for expiries)
 */
public record Event(EventType type, Instant at, String actor, Alert alert, AttackReport report,
                    ShelterSetting shelter) {
    public static final String SYSTEM_ACTOR = "system";

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        if (type == EventType.SHELTER_SET) {
            Objects.requireNonNull(shelter, "shelter");
            if (alert != null || report != null) {
                throw new IllegalArgumentException("a shelter setting carries nothing else");
            }
        } else if (type.isReport()) {
            Objects.requireNonNull(report, "report");
            if (alert != null || shelter != null) {
                throw new IllegalArgumentException("a report event carries no alert or setting");
            }
        } else {
            Objects.requireNonNull(alert, "alert");
            if (report != null || shelter != null) {
                throw new IllegalArgumentException("an alert event carries no report or setting");
            }
        }
    }

    public Event(EventType type, Instant at, String actor, Alert alert) {
        this(type, at, actor, alert, null, null);
    }

    public static Event report(EventType type, Instant at, String actor, AttackReport report) {
        return new Event(type, at, actor, null, report, null);
    }

    public static Event shelter(Instant at, String actor, ShelterSetting setting) {
        return new Event(EventType.SHELTER_SET, at, actor, null, null, setting);
    }

    /** The id of what the event is about (the log's {@code alert_id} column): the alert's, or the report's. */
    public String subjectId() {
        return alert != null ? alert.id() : report != null ? report.id() : "shelter:" + shelter.region();
    }
}
