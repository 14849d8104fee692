package io.tocsin.http;

import io.tocsin.domain.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The router's first step for every request: tells the connection's guard that a request is in flight (and when it
 * is over), answers a reserve connection's request only if it is a health check or carries a token, and resolves
 * the client's address once for the limits that key on it.
 */
final class RequestGate implements Handler<RoutingContext> {
    private final TrustedProxies trusted;

    RequestGate(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        ctx.put(Auth.CLIENT_ADDRESS, ClientAddress.of(req, trusted));
        ConnectionGuard guard = ConnectionGuard.of(req);
        if (guard == null) {
            ctx.next();
            return;
        }
        guard.requestBegan(req);
        ctx.addEndHandler(ar -> guard.requestEnded(req));
        if (guard.reserve()) {
            // Past the connection cap: one request per connection, then it closes to make room again.
            if (req.version() != HttpVersion.HTTP_2) {
                ctx.response().putHeader("Connection", "close");
                ctx.addEndHandler(ar -> req.connection().close());
            }
            if (!servedInReserve(req)) {
                guard.refusedInReserve();
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(ctx, Problem.SERVER_BUSY, "the server is at its connection limit; only health checks "
                        + "and requests with a token are served now, retry shortly");
                return;
            }
        }
        ctx.next();
    }

    private static boolean servedInReserve(HttpServerRequest req) {
        String path = req.path();
        return "/health".equals(path) || "/ready".equals(path) || req.getHeader("Authorization") != null;
    }
}
