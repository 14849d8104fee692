package io.tocsin.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.TextsPatch;
import io.tocsin.domain.Threat;
import io.tocsin.domain.UpdateAlert;
import io.tocsin.json.Json;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Turns JSON request bodies into commands, strictly: unknown fields and wrong types are errors that name the field. */
final class AlertRequests {
    private static final Set<String> ISSUE_FIELDS = Set.of("regions", "threat", "subtype", "stage", "status",
            "headline", "instruction", "expires_at");
    private static final Set<String> UPDATE_FIELDS = Set.of("regions", "threat", "subtype", "stage", "headline",
            "instruction", "expires_at");
    private static final Set<String> END_FIELDS = Set.of("reason");
    /**
     * How far ahead an expiry may be. An alert is about the next hours; a month covers any real one, and a bound
     * keeps absurd times (the year 1000000000, which no CAP message can even express) out of the log.
     */
    static final Duration MAX_EXPIRY_AHEAD = Duration.ofDays(30);

    private AlertRequests() {
    }

    static IssueAlert issue(Buffer body) {
        JsonNode n = object(body, ISSUE_FIELDS);
        return new IssueAlert(regions(n, true), Threat.parse(text(n, "threat", true)), subtype(n),
                Stage.parse(orDefault(text(n, "stage", false), "alert")),
                Status.parse(orDefault(text(n, "status", false), "actual")), texts(n, Texts.EMPTY),
                expiry(n));
    }

    static UpdateAlert update(String id, Buffer body) {
        JsonNode n = object(body, UPDATE_FIELDS);
        String threat = text(n, "threat", false);
        String stage = text(n, "stage", false);
        boolean clearExpiry = n.has("expires_at") && n.get("expires_at").isNull();
        return new UpdateAlert(id, n.has("regions") ? regions(n, true) : null,
                threat == null ? null : Threat.parse(threat), subtype(n), stage == null ? null : Stage.parse(stage),
                n.has("headline") || n.has("instruction") ? textsPatch(n) : null, expiry(n), clearExpiry);
    }

    static EndAlert end(String id, Buffer body) {
        if (body == null || body.length() == 0) {
            return new EndAlert(id, EndReason.ALL_CLEAR);
        }
        JsonNode n = object(body, END_FIELDS);
        String reason = text(n, "reason", false);
        return new EndAlert(id, reason == null ? EndReason.ALL_CLEAR : EndReason.parse(reason));
    }

    static JsonNode object(Buffer body, Set<String> allowed) {
        if (body == null || body.length() == 0) {
            throw new DomainException(Problem.MALFORMED_JSON, "a JSON object body is required");
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body.getBytes());
        } catch (JacksonException e) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body could not be read as JSON");
        }
        if (n == null || !n.isObject()) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new DomainException(Problem.INVALID_FIELD, "unknown field '" + f + "'; allowed: " + allowed);
            }
        }
        return n;
    }

    private static List<String> regions(JsonNode n, boolean required) {
        JsonNode r = n.get("regions");
        if (r == null || !r.isArray() || r.isEmpty()) {
            throw new DomainException(Problem.INVALID_FIELD, "regions must be a non-empty array of region codes");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : r) {
            if (!c.isTextual()) {
                throw new DomainException(Problem.INVALID_FIELD, "regions must hold strings");
            }
            out.add(c.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new DomainException(field.equals("threat") ? Problem.UNKNOWN_THREAT : Problem.INVALID_FIELD,
                        field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be a string");
        }
        return v.asText();
    }

    private static Threat.Subtype subtype(JsonNode n) {
        String s = text(n, "subtype", false);
        return s == null ? null : Threat.Subtype.parse(s);
    }

    private static Texts texts(JsonNode n, Texts dflt) {
        if (!n.has("headline") && !n.has("instruction")) {
            return dflt;
        }
        return new Texts(lang(n, "headline", "uk"), lang(n, "headline", "en"), lang(n, "instruction", "uk"),
                lang(n, "instruction", "en"));
    }

    /**
     * The texts an update names, as JSON merge patch (RFC 7396) reads them: a field or language left out stays as
     * it is, {@code null} clears it. {@code {"instruction":{"en":"…"}}} changes the English instruction only.
     */
    private static TextsPatch textsPatch(JsonNode n) {
        return new TextsPatch(patched(n, "headline", "uk"), patched(n, "headline", "en"),
                patched(n, "instruction", "uk"), patched(n, "instruction", "en"));
    }

    private static String patched(JsonNode n, String field, String lang) {
        JsonNode o = n.get(field);
        if (o == null) {
            return null;
        }
        if (o.isNull()) {
            return "";
        }
        lang(n, field, lang); // checks the object's shape and the value's type
        if (!o.has(lang)) {
            return null;
        }
        return o.get(lang).isNull() ? "" : o.get(lang).asText();
    }

    private static String lang(JsonNode n, String field, String lang) {
        JsonNode o = n.get(field);
        if (o == null || o.isNull()) {
            return "";
        }
        if (!o.isObject()) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be an object like {\"uk\": \"…\", \"en\": \"…\"}");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("uk") && !k.equals("en")) {
                throw new DomainException(Problem.INVALID_FIELD, field + " has languages uk and en only, not " + k);
            }
        }
        JsonNode v = o.get(lang);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new DomainException(Problem.INVALID_FIELD, field + "." + lang + " must be a string");
        }
        if (v.asText().isBlank()) {
            // An empty text is a mistake (a form posted unfilled), not a wish for silence: leave the field out to
            // get the standard wording, or send null in an update to return to it.
            throw new DomainException(Problem.INVALID_FIELD, field + "." + lang + " is empty; leave it out to get the"
                    + " standard wording");
        }
        return v.asText();
    }

    private static Instant expiry(JsonNode n) {
        String s = text(n, "expires_at", false);
        if (s == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new DomainException(Problem.INVALID_FIELD, "expires_at must be an ISO-8601 UTC time");
        }
        if (t.isAfter(Instant.now().plus(MAX_EXPIRY_AHEAD))) {
            throw new DomainException(Problem.INVALID_FIELD, "expires_at may be at most "
                    + MAX_EXPIRY_AHEAD.toDays() + " days ahead; end the alert or update its expiry later");
        }
        return t;
    }

    private static String orDefault(String v, String dflt) {
        return v == null ? dflt : v;
    }
}
