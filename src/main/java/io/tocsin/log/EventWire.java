package io.tocsin.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A committed event as one node tells another (over NATS): the stored columns the hash chain covers, so the
 * receiver recomputes the hash and accepts only an event whose bytes are exactly what the log holds. Anything that
 * does not decode or does not hash to its own {@code hash} is refused (empty): the receiver reads the log instead.
 */
public final class EventWire {
    private EventWire() {
    }

    public static byte[] encode(LoggedEvent e) {
        Event ev = e.event();
        ObjectNode n = Json.MAPPER.createObjectNode().put("seq", e.seq()).put("at", ev.at().toString())
                .put("type", ev.type().wire()).put("alert_id", ev.alert().id()).put("actor", ev.actor())
                .put("payload", PayloadCodec.current().encode(ev.alert())).put("prev_hash", e.prevHash())
                .put("hash", e.hash()).put("format", PayloadCodec.current().version());
        try {
            return Json.MAPPER.writeValueAsBytes(n);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The event, if the bytes decode and hash to what they claim; empty otherwise. */
    public static Optional<LoggedEvent> decode(byte[] bytes) {
        try {
            JsonNode n = Json.MAPPER.readTree(bytes);
            long seq = n.get("seq").asLong();
            String at = n.get("at").asText();
            String type = n.get("type").asText();
            String alertId = n.get("alert_id").asText();
            String actor = n.get("actor").asText();
            String payload = n.get("payload").asText();
            String prev = n.get("prev_hash").asText();
            String hash = n.get("hash").asText();
            if (!ChainHash.of(prev, seq, type, at, alertId, actor, payload).equals(hash)) {
                return Optional.empty();
            }
            Event e = new Event(EventType.fromWire(type), Instant.parse(at), actor,
                    PayloadCodec.forFormat(n.get("format").asInt()).decode(payload));
            return e.alert().id().equals(alertId) ? Optional.of(new LoggedEvent(seq, e, prev, hash))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
