package io.tocsin.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.WeaponClass;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of an attack report (events.format 2; alert rows keep format 1 and their codec untouched). Frozen
 * like stored form 1: a change is a new format number. Weapons are written in the enum's order, so equal reports
 * store equal bytes.
 */
final class ReportCodec {
    static final int FORMAT = 2;

    private ReportCodec() {
    }

    static String encode(AttackReport r) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("from", r.from().toString());
            g.writeStringField("to", r.to().toString());
            g.writeObjectFieldStart("weapons");
            for (WeaponClass w : WeaponClass.values()) {
                AttackReport.Counts c = r.weapons().get(w);
                if (c != null) {
                    g.writeObjectFieldStart(w.wire());
                    g.writeNumberField("launched", c.launched());
                    if (c.destroyed() == null) {
                        g.writeNullField("destroyed");
                    } else {
                        g.writeNumberField("destroyed", c.destroyed());
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("regions_struck");
            for (String code : r.regionsStruck()) {
                g.writeString(code);
            }
            g.writeEndArray();
            g.writeNumberField("killed", r.killed());
            g.writeNumberField("killed_children", r.killedChildren());
            g.writeNumberField("injured", r.injured());
            g.writeNumberField("injured_children", r.injuredChildren());
            if (r.responders() == null) {
                g.writeNullField("responders");
            } else {
                g.writeNumberField("responders", r.responders());
            }
            g.writeStringField("source", r.source());
            g.writeStringField("note", r.note());
            g.writeStringField("entered_by", r.enteredBy());
            g.writeStringField("recorded_at", r.recordedAt().toString());
            g.writeStringField("updated_at", r.updatedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a report", e);
        }
        return out.toString();
    }

    static AttackReport decode(String payload) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.path("weapons").isObject()) {
            throw new IllegalArgumentException("not a stored report");
        }
        Map<WeaponClass, AttackReport.Counts> weapons = new EnumMap<>(WeaponClass.class);
        n.get("weapons").properties().forEach(e -> weapons.put(WeaponClass.parse(e.getKey()),
                new AttackReport.Counts(e.getValue().path("launched").asInt(),
                        e.getValue().path("destroyed").isNumber() ? e.getValue().get("destroyed").asInt() : null)));
        List<String> regions = new ArrayList<>();
        n.path("regions_struck").forEach(r -> regions.add(r.asText()));
        return new AttackReport(n.get("id").asText(), Instant.parse(n.get("from").asText()),
                Instant.parse(n.get("to").asText()), weapons, regions, n.path("killed").asInt(),
                n.path("killed_children").asInt(), n.path("injured").asInt(), n.path("injured_children").asInt(),
                n.path("responders").isNumber() ? n.get("responders").asInt() : null, n.path("source").asText(),
                n.path("note").isTextual() ? n.get("note").asText() : null, n.path("entered_by").asText(null),
                Instant.parse(n.get("recorded_at").asText()), Instant.parse(n.get("updated_at").asText()));
    }
}
