package io.tocsin.http;

import io.tocsin.domain.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Before any body is read on the JSON API: a request that has a body must say it is JSON ({@code application/json}
 * or {@code application/*+json}), else 415 at once, unread, so a large form or upload never gets buffered or parsed
 * (the body parser would otherwise try to decode a form and fail with a 500). Routes that read their own kind of body
 * (CAP's XML) have read it before this step and are let through. On HTTP/1.x the connection is then closed, since
 * the unread body stands between this request and the next.
 */
final class JsonBodies implements Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (ctx.body().available() || !hasBody(req) || isJson(req.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.next();
            return;
        }
        if (req.version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(ar -> req.connection().close());
        }
        String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
        Problems.send(ctx, Problem.UNSUPPORTED_MEDIA_TYPE, "this endpoint reads application/json"
                + (type == null ? "; the request has a body but no Content-Type" : ", not " + shorten(type)));
    }

    private static boolean hasBody(HttpServerRequest req) {
        HttpMethod m = req.method();
        if (m != HttpMethod.POST && m != HttpMethod.PUT && m != HttpMethod.PATCH) {
            return false; // the API reads no body on other methods
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        // HTTP/1.1 chunked; on HTTP/2 a body is whatever DATA follows, so only an ended request has none.
        return req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (req.version() == HttpVersion.HTTP_2 && !req.isEnded());
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
