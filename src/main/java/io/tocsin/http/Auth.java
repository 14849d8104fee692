package io.tocsin.http;

import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.vertx.ext.web.RoutingContext;

/** Bearer authentication for writes. Blocking on a cache miss: call it off the event loop. */
final class Auth {
    private final TokenStore tokens;

    Auth(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** Reads the bearer value on the event loop (headers are not safe to read elsewhere). */
    static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    Actor require(String bearer) {
        if (bearer == null) {
            throw new DomainException(Problem.UNAUTHENTICATED, "send Authorization: Bearer <token>");
        }
        return tokens.authenticate(bearer)
                .orElseThrow(() -> new DomainException(Problem.UNAUTHENTICATED, "the token is unknown, revoked or expired"));
    }
}
