package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.WeaponClass;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of POST /api/v1/reports and PATCH /api/v1/reports/{id} (a correction states the whole report again,
 * with a note saying what changed): see docs/reports.md. Field shapes only; the rules are the domain's.
 */
final class ReportRequests {
    private static final Set<String> FIELDS = Set.of("period", "weapons", "regions_struck", "killed", "injured",
            "responders", "source", "note");

    private ReportRequests() {
    }

    static AttackReport parse(String id, Buffer body) {
        JsonNode n = AlertRequests.object(body, FIELDS);
        JsonNode period = n.path("period");
        Instant from = time(period, "from");
        Instant to = time(period, "to");
        Map<WeaponClass, AttackReport.Counts> weapons = new EnumMap<>(WeaponClass.class);
        JsonNode w = n.path("weapons");
        if (!w.isObject()) {
            throw new DomainException(Problem.INVALID_FIELD, "weapons must be an object of weapon classes");
        }
        w.properties().forEach(e -> weapons.put(WeaponClass.parse(e.getKey()),
                new AttackReport.Counts(count(e.getValue(), "launched"), e.getValue().path("destroyed").isMissingNode()
                        || e.getValue().path("destroyed").isNull() ? null : count(e.getValue(), "destroyed"))));
        List<String> regions = new ArrayList<>();
        JsonNode r = n.path("regions_struck");
        if (!r.isMissingNode() && !r.isArray()) {
            throw new DomainException(Problem.INVALID_FIELD, "regions_struck must be an array of region codes");
        }
        r.forEach(c -> regions.add(c.asText()));
        JsonNode killed = n.path("killed");
        JsonNode injured = n.path("injured");
        Integer responders = n.path("responders").isMissingNode() || n.path("responders").isNull() ? null
                : count(n, "responders");
        String source = n.path("source").isTextual() ? n.get("source").asText() : null;
        String note = n.path("note").isTextual() ? n.get("note").asText() : null;
        Instant placeholder = Instant.EPOCH; // the domain sets recorded and updated times
        return new AttackReport(id, from, to, weapons, regions, optional(killed, "total"), optional(killed, "children"),
                optional(injured, "total"), optional(injured, "children"), responders, source, note, null,
                placeholder, placeholder);
    }

    private static Instant time(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new DomainException(Problem.INVALID_FIELD, "period." + field + " is required (ISO-8601 UTC)");
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new DomainException(Problem.INVALID_FIELD, "period." + field + " must be an ISO-8601 UTC time");
        }
    }

    private static int count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be a whole number");
        }
        return v.asInt();
    }

    private static int optional(JsonNode n, String field) {
        return n.isMissingNode() || n.get(field) == null ? 0 : count(n, field);
    }
}
