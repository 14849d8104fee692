package io.tocsin.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored form 1: the compact JSON object every log has held since the first release, field for field and byte for
 * byte (a committed fixture database from that release proves it). It is frozen: it must not follow the API's alert
 * JSON when that changes — a new stored form would be version 2.
 */
final class PayloadCodecV1 implements PayloadCodec {
    static final int VERSION = 1;
    static final PayloadCodecV1 INSTANCE = new PayloadCodecV1();

    private PayloadCodecV1() {
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String encode(Alert a) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            g.writeArrayFieldStart("regions");
            for (String r : a.regions()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeStringField("threat", a.threat().wire());
            g.writeStringField("subtype", a.subtype().wire());
            g.writeStringField("stage", a.stage().wire());
            g.writeStringField("status", a.status().wire());
            if (a.status() != Status.ACTUAL) {
                // Form 1 stores the drill notice with the alert (it was part of the alert's JSON when form 1 was set).
                boolean exercise = a.status() == Status.EXERCISE;
                g.writeObjectFieldStart("notice");
                g.writeStringField("uk", exercise ? "НАВЧАННЯ — це не справжня тривога" : "ТЕСТ — це не справжня тривога");
                g.writeStringField("en", exercise ? "EXERCISE — not a real alert" : "TEST — not a real alert");
                g.writeEndObject();
            }
            writePair(g, "headline", a.texts().headlineUk(), a.texts().headlineEn());
            writePair(g, "instruction", a.texts().instructionUk(), a.texts().instructionEn());
            g.writeStringField("issued_at", a.issuedAt().toString());
            g.writeStringField("updated_at", a.updatedAt().toString());
            writeTime(g, "expires_at", a.expiresAt());
            writeTime(g, "ended_at", a.endedAt());
            g.writeStringField("end_reason", a.endReason() == null ? null : a.endReason().wire());
            g.writeStringField("issued_by", a.issuedBy());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an alert", e);
        }
        return out.toString();
    }

    private static void writePair(JsonGenerator g, String field, String uk, String en) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("uk", uk);
        g.writeStringField("en", en);
        g.writeEndObject();
    }

    private static void writeTime(JsonGenerator g, String field, Instant t) throws IOException {
        g.writeStringField(field, t == null ? null : t.toString());
    }

    @Override
    public Alert decode(String payload) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.path("regions").isArray()) {
            throw new IllegalArgumentException("not a stored alert");
        }
        List<String> regions = new ArrayList<>();
        n.get("regions").forEach(r -> regions.add(r.asText()));
        Texts texts = new Texts(n.path("headline").path("uk").asText(""), n.path("headline").path("en").asText(""),
                n.path("instruction").path("uk").asText(""), n.path("instruction").path("en").asText(""));
        return new Alert(text(n, "id"), regions, Threat.parse(text(n, "threat")), Threat.Subtype.parse(text(n, "subtype")),
                Stage.parse(text(n, "stage")), Status.parse(text(n, "status")), texts, n.path("issued_by").asText(null),
                Instant.parse(text(n, "issued_at")), Instant.parse(text(n, "updated_at")),
                time(n, "expires_at"), time(n, "ended_at"),
                n.path("end_reason").isTextual() ? EndReason.parse(n.get("end_reason").asText()) : null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}
