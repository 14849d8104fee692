package io.tocsin.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Reading test responses. */
public final class Responses {
    private Responses() {
    }

    /** The response body as JSON. */
    public static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }
}
