package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.json.Json;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.StoreUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes RFC 9457 problem details. Every error response goes through here: a stable {@code code} from the
 * catalogue, a human {@code detail}, never a stack trace or an internal message.
 */
public final class Problems {
    private static final Logger LOG = Logger.getLogger(Problems.class.getName());
    public static final String TYPE_BASE = "https://tocsin.dev/problems/";
    private static final String RETRY_AFTER = "tocsin.retryAfter";

    private Problems() {
    }

    public static void send(RoutingContext ctx, Problem p, String detail) {
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.headWritten()) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", TYPE_BASE + p.code());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("code", p.code());
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        res.setStatusCode(p.status()).putHeader("Content-Type", "application/problem+json");
        if (p == Problem.TOO_MANY_REQUESTS && ctx.get(RETRY_AFTER) != null) {
            res.putHeader("Retry-After", String.valueOf((Object) ctx.get(RETRY_AFTER)));
        }
        if (p == Problem.UNAUTHENTICATED) {
            res.putHeader("WWW-Authenticate", "Bearer realm=\"tocsin\"");
        }
        res.end(body.toString());
    }

    /** Maps any failure to a problem; unexpected ones are logged here and shown only as a generic 500. */
    public static void fail(RoutingContext ctx, Throwable t) {
        if (t instanceof RateLimitedException r) {
            ctx.put(RETRY_AFTER, r.retryAfterSeconds);
        }
        if (t instanceof DomainException d) {
            send(ctx, d.problem(), d.getMessage());
        } else if (t instanceof NotRecordedException) {
            LOG.log(Level.WARNING, "event log unavailable: a write was not recorded", t);
            send(ctx, Problem.UNAVAILABLE, "the event log is unavailable; nothing was recorded, retry");
        } else if (t instanceof StoreUnavailableException) {
            // A read failed, or a store other than the log (a write's failures are told apart above): say nothing
            // about what was recorded.
            LOG.log(Level.WARNING, "database unavailable: " + t.getMessage());
            send(ctx, Problem.UNAVAILABLE, "the database is unavailable; retry");
        } else {
            LOG.log(Level.SEVERE, "unhandled error on " + ctx.request().method() + " " + ctx.request().path(), t);
            send(ctx, Problem.INTERNAL, "unexpected error; it has been logged");
        }
    }
}
