package io.tocsin.compat.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes a representation: 304 when the client's If-Modified-Since is not older than it, else 200 with it. */
public final class Conditional {
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private Conditional() {
    }

    public static void reply(RoutingContext ctx, Rep rep) {
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.putHeader(HttpHeaders.LAST_MODIFIED, rep.lastModified()).putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        String since = ctx.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        // Clients echo the date they were given: compare the text first, parse only another date.
        if (since != null && (since.equals(rep.lastModified()) || HttpDates.parse(since) >= rep.lastModifiedSecond())) {
            res.setStatusCode(304).end();
        } else {
            res.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(rep.body());
        }
    }
}
