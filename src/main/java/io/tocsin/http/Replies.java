package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

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
}
