package io.tocsin.push;

import io.tocsin.json.EventJson;
import io.tocsin.json.Json;

import java.util.List;

/**
 * The event exactly as the streams and {@code /api/v1/events} show it (one JSON object with {@code seq},
 * {@code type}, {@code at} and the alert's full state). Only public events: approvals and review requests stay with
 * the API that shows them to the people concerned.
 */
public final class JsonEventEncoder implements PushEncoder {
    public static final String NAME = "json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Message> encode(Entry entry) {
        if (!entry.event().event().type().isPublic()) {
            return List.of();
        }
        return List.of(new Message(0, null, "application/json", Json.bytes(EventJson.writePublic(entry.event()))));
    }
}
