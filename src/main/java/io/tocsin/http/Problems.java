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
        res.setStatusCode(p.status()).putHeader("Content-Type", "application/problem+json");
        if (p == Problem.TOO_MANY_REQUESTS && ctx.get(RETRY_AFTER) != null) {
            res.putHeader("Retry-After", String.valueOf((Object) ctx.get(RETRY_AFTER)));
        }
        if (p == Problem.UNAUTHENTICATED) {
            res.putHeader("WWW-Authenticate", "Bearer realm=\"tocsin\"");
        }
        res.end(body(p, detail, ctx.request().path()));
    }

    /** The problem document itself, also for answers written before Vert.x has a request (see ConnectionGuard). */
    static String body(Problem p, String detail, String instance) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", TYPE_BASE + p.code());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("code", p.code());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body.toString();
    }

    /**
     * A whole HTTP/1.1 response carrying the problem, ending with {@code Connection: close}: for a connection that
     * is about to be closed because of what it sent (or failed to send), outside any request Vert.x could answer.
     */
    static byte[] closingResponse(Problem p, String detail) {
        byte[] body = body(p, detail, null).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + p.status() + " " + p.title() + "\r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** A problem for a request Vert.x refused to route (see InvalidRequests); the connection then closes. */
    static void send(io.vertx.core.http.HttpServerRequest req, Problem p, String detail) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.headWritten()) {
            return;
        }
        res.setStatusCode(p.status()).putHeader("Content-Type", "application/problem+json")
                .putHeader("Connection", "close").end(body(p, detail, null));
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
        } else if (t instanceof io.vertx.core.http.HttpClosedException) {
            // The client went away (closed, reset its stream) before the answer: nobody to tell, nothing wrong here.
            LOG.fine(() -> "client gone during " + ctx.request().method() + " " + ctx.request().path());
        } else {
            LOG.log(Level.SEVERE, "unhandled error on " + ctx.request().method() + " " + ctx.request().path(), t);
            send(ctx, Problem.INTERNAL, "unexpected error; it has been logged");
        }
    }
}
