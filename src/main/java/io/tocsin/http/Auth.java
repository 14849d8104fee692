package io.tocsin.http;

import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Bearer authentication with brute-force protection: an address that fails too often is refused (429) before its
 * token is even looked at, while other addresses are unaffected. Also limits each address's write rate.
 * Blocking on a token-cache miss: call {@link #require} off the event loop.
 */
final class Auth {
    private final TokenStore tokens;
    private final AddressLimiter failures;
    private final AddressLimiter writes;

    Auth(TokenStore tokens, ServerConfig.Limits limits) {
        this.tokens = tokens;
        this.failures = new AddressLimiter(limits.authFailuresPerMinute(), TimeUnit.MINUTES.toNanos(1));
        this.writes = new AddressLimiter(limits.writesPerSecond(), TimeUnit.SECONDS.toNanos(1));
    }

    /** What the request presented, read on the event loop (headers are not safe to read elsewhere). */
    record Credentials(String address, String bearer) {
    }

    static Credentials credentials(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        String bearer = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        var remote = ctx.request().remoteAddress();
        return new Credentials(remote == null ? "unknown" : remote.hostAddress(), bearer);
    }

    /** The actor, if its token is valid and has one of {@code roles} (any role when none are given). */
    Actor require(Credentials c, Role... roles) {
        long now = System.nanoTime();
        long wait = failures.blockedFor(c.address(), now);
        if (wait > 0) {
            throw new RateLimitedException("too many failed authentications from this address; retry later", wait);
        }
        if (c.bearer() == null) {
            failures.hit(c.address(), now);
            throw new DomainException(Problem.UNAUTHENTICATED, "send Authorization: Bearer <token>");
        }
        Actor actor = tokens.authenticate(c.bearer()).orElse(null);
        if (actor == null) {
            failures.hit(c.address(), now);
            throw new DomainException(Problem.UNAUTHENTICATED, "the token is unknown, revoked or expired");
        }
        if (roles.length > 0 && Arrays.stream(roles).noneMatch(r -> r == actor.role())) {
            throw new DomainException(Problem.FORBIDDEN, "this needs the role " + Arrays.toString(roles).toLowerCase()
                    + ", the token has " + actor.role().wire());
        }
        long over = writes.hit(c.address(), now);
        if (over > 0) {
            throw new RateLimitedException("too many writes from this address", over);
        }
        return actor;
    }
}
