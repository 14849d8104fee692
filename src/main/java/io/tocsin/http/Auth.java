package io.tocsin.http;

import io.tocsin.ratelimit.WindowLimiter;

import io.tocsin.auth.ConsoleSessions;
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
 * Bearer authentication with brute-force protection. Failures are counted per client address (the address a trusted
 * proxy names, see {@link ClientAddress}); past the limit, that address's <em>failing</em> attempts get 429 instead of
 * 401. A valid token is always served, whoever else failed from the same address: behind a proxy every client shares
 * one, and a stranger's typos must not lock out the operators. What keeps guessing hopeless is the 192-bit secret;
 * the limit keeps a failing client's noise (and its token look-ups) in check and tells it to slow down.
 * The write rate is limited per token, for the same reason. Blocking on a token-cache miss: call {@link #require}
 * off the event loop.
 */
final class Auth {
    /** Where the router puts the request's client address (see {@link ClientAddress}). */
    static final String CLIENT_ADDRESS = "tocsin.clientAddress";

    private final TokenStore tokens;
    private final WindowLimiter failures;
    private final WindowLimiter writes;

    Auth(TokenStore tokens, ServerConfig.Limits limits) {
        this.tokens = tokens;
        this.failures = new WindowLimiter(limits.authFailuresPerMinute(), TimeUnit.MINUTES.toNanos(1));
        this.writes = new WindowLimiter(limits.writesPerSecond(), TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * What the request presented, read on the event loop (headers are not safe to read elsewhere): a bearer token,
     * or a console session's token id ({@link SessionGate} found the cookie live; {@code sessionEnded} when it named
     * a session that is over).
     */
    record Credentials(String address, String bearer, String sessionToken, boolean sessionEnded) {
        Credentials(String address, String bearer) {
            this(address, bearer, null, false);
        }
    }

    static Credentials credentials(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        String bearer = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        String address = ctx.get(CLIENT_ADDRESS);
        if (address == null) {
            var remote = ctx.request().remoteAddress();
            address = remote == null ? "unknown" : remote.hostAddress();
        }
        if (bearer == null && h == null) {
            ConsoleSessions.Session s = ctx.get(SessionGate.SESSION);
            return new Credentials(address, null, s == null ? null : s.tokenId(), ctx.get(SessionGate.ENDED) != null);
        }
        return new Credentials(address, bearer);
    }

    /** The actor, if its token is valid and has one of {@code roles} (any role when none are given). */
    Actor require(Credentials c, Role... roles) {
        long now = System.nanoTime();
        if (c.bearer() == null && (c.sessionToken() != null || c.sessionEnded())) {
            // A session stands for its token while both live; a revoked token ends its sessions at once.
            Actor actor = c.sessionToken() == null ? null : tokens.actorById(c.sessionToken()).orElse(null);
            if (actor == null) {
                throw new DomainException(Problem.SESSION_EXPIRED, "the console session has ended; sign in again");
            }
            return authorised(actor, now, roles);
        }
        Actor actor = c.bearer() == null ? null : tokens.authenticate(c.bearer()).orElse(null);
        if (actor == null) {
            long over = failures.hit(c.address(), now);
            if (over > 0) {
                throw new RateLimitedException("too many failed authentications from this address; retry later", over);
            }
            throw new DomainException(Problem.UNAUTHENTICATED, c.bearer() == null
                    ? "send Authorization: Bearer <token>" : "the token is unknown, revoked or expired");
        }
        return authorised(actor, now, roles);
    }

    private Actor authorised(Actor actor, long now, Role... roles) {
        if (roles.length > 0 && Arrays.stream(roles).noneMatch(r -> r == actor.role())) {
            throw new DomainException(Problem.FORBIDDEN, "this needs the role " + Arrays.toString(roles).toLowerCase()
                    + ", the token has " + actor.role().wire());
        }
        long over = writes.hit(actor.id(), now);
        if (over > 0) {
            throw new RateLimitedException("too many writes with this token", over);
        }
        return actor;
    }
}
