package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Successful JSON replies. */
final class Replies {
    private Replies() {
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.toString());
    }

    static void ok(RoutingContext ctx, JsonNode body) {
        json(ctx, 200, body);
    }

    /**
     * A page of the log ({@code /events}, {@code /audit}): the events shown, where it started, the seq to ask
     * after next and whether the log holds more ({@code page} is what was read, before any filtering).
     */
    static void eventPage(RoutingContext ctx, long after, int limit, List<LoggedEvent> page, ArrayNode shown) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("after", after);
        body.put("next", page.isEmpty() ? after : page.get(page.size() - 1).seq());
        body.put("more", page.size() == limit);
        body.set("events", shown);
        ok(ctx, body);
    }
}
