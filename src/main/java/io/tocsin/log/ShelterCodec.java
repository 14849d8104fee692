package io.tocsin.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.ShelterSetting;
import io.tocsin.json.Json;

import java.io.IOException;

/** The stored form of a time-to-shelter setting (events.format 4): {@code {"region":"UA-32","seconds":90}}. */
final class ShelterCodec {
    static final int FORMAT = 4;

    private ShelterCodec() {
    }

    static String encode(ShelterSetting s) {
        return "{\"region\":" + Json.MAPPER.valueToTree(s.region()) + ",\"seconds\":" + s.seconds() + "}";
    }

    static ShelterSetting decode(String payload) {
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            JsonNode seconds = n.get("seconds");
            return new ShelterSetting(n.get("region").asText(), seconds == null || seconds.isNull() ? null : seconds.asInt());
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a stored shelter setting", e);
        }
    }
}
