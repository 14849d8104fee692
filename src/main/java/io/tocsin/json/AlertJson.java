package io.tocsin.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shape of an alert, used in the log, the API and the streams. Field order is fixed, which keeps the
 * stored bytes canonical for the hash chain. Times are ISO-8601 UTC.
 */
public final class AlertJson {
    private AlertJson() {
    }

    /** The full form (stored in the log; includes the issuing token's id). */
    public static ObjectNode write(Alert a) {
        ObjectNode n = writePublic(a);
        n.put("issued_by", a.issuedBy());
        return n;
    }

    /** The public form: no actor ids. */
    public static ObjectNode writePublic(Alert a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", a.id());
        ArrayNode regions = n.putArray("regions");
        a.regions().forEach(regions::add);
        n.put("threat", a.threat().wire());
        n.put("subtype", a.subtype().wire());
        n.put("stage", a.stage().wire());
        n.put("status", a.status().wire());
        if (a.status() != Status.ACTUAL) {
            // Integrators that show text without reading fields still show the drill for what it is.
            ObjectNode notice = n.putObject("notice");
            boolean exercise = a.status() == Status.EXERCISE;
            notice.put("uk", exercise ? "НАВЧАННЯ — це не справжня тривога" : "ТЕСТ — це не справжня тривога");
            notice.put("en", exercise ? "EXERCISE — not a real alert" : "TEST — not a real alert");
        }
        ObjectNode headline = n.putObject("headline");
        headline.put("uk", a.texts().headlineUk());
        headline.put("en", a.texts().headlineEn());
        ObjectNode instruction = n.putObject("instruction");
        instruction.put("uk", a.texts().instructionUk());
        instruction.put("en", a.texts().instructionEn());
        n.put("issued_at", a.issuedAt().toString());
        n.put("updated_at", a.updatedAt().toString());
        putTime(n, "expires_at", a.expiresAt());
        putTime(n, "ended_at", a.endedAt());
        if (a.endReason() == null) {
            n.putNull("end_reason");
        } else {
            n.put("end_reason", a.endReason().wire());
        }
        if (a.shelterSeconds() != null) {
            // Present only when an admin set one for a region of the alert (or above it): seconds, the shortest.
            n.put("time_to_shelter_seconds", a.shelterSeconds());
        }
        return n;
    }

    public static Alert read(JsonNode n) {
        List<String> regions = new ArrayList<>();
        n.get("regions").forEach(r -> regions.add(r.asText()));
        Texts texts = new Texts(n.path("headline").path("uk").asText(""), n.path("headline").path("en").asText(""),
                n.path("instruction").path("uk").asText(""), n.path("instruction").path("en").asText(""));
        return new Alert(n.get("id").asText(), regions, Threat.parse(n.get("threat").asText()),
                Threat.Subtype.parse(n.get("subtype").asText()), Stage.parse(n.get("stage").asText()),
                Status.parse(n.get("status").asText()), texts, n.path("issued_by").asText(null),
                Instant.parse(n.get("issued_at").asText()), Instant.parse(n.get("updated_at").asText()),
                time(n, "expires_at"), time(n, "ended_at"),
                n.path("end_reason").isTextual() ? EndReason.parse(n.get("end_reason").asText()) : null,
                n.path("time_to_shelter_seconds").isNumber() ? n.get("time_to_shelter_seconds").asInt() : null);
    }

    private static void putTime(ObjectNode n, String field, Instant t) {
        if (t == null) {
            n.putNull(field);
        } else {
            n.put(field, t.toString());
        }
    }

    private static Instant time(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}
