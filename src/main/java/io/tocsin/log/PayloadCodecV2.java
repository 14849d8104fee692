package io.tocsin.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Alert;
import io.tocsin.json.Json;

import java.io.IOException;

/**
 * Stored form 3 of an alert (events.format 3; format 2 is the attack report's): stored form 1 byte for byte with
 * {@code "time_to_shelter_seconds"} added last. Written only for alerts that carry a time to shelter, so every alert
 * without one is still written, and hashed, exactly as before.
 */
final class PayloadCodecV2 implements PayloadCodec {
    static final int VERSION = 3;
    static final PayloadCodecV2 INSTANCE = new PayloadCodecV2();

    private PayloadCodecV2() {
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String encode(Alert a) {
        String v1 = PayloadCodecV1.INSTANCE.encode(a);
        return v1.substring(0, v1.length() - 1) + ",\"time_to_shelter_seconds\":" + a.shelterSeconds() + "}";
    }

    @Override
    public Alert decode(String payload) {
        Alert a = PayloadCodecV1.INSTANCE.decode(payload);
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        JsonNode s = n.get("time_to_shelter_seconds");
        return a.withShelter(s == null || s.isNull() ? null : s.asInt());
    }

    /** The codec an alert is written with: form 1 unless it carries a time to shelter. */
    static PayloadCodec forAlert(Alert a) {
        return a.shelterSeconds() == null ? PayloadCodecV1.INSTANCE : INSTANCE;
    }
}
