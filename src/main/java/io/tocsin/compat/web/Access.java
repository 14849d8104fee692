package io.tocsin.compat.web;

import io.tocsin.ratelimit.WindowLimiter;

import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Role;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Who may read the compatibility APIs, and how often. Any valid Tocsin token in a header; in a URL
 * ({@code ?token=}, which ends up in logs and browser histories) only an integrator's, never an operator's or an
 * admin's secret; no token at all only when the server allows anonymous reads. Requests with a valid token count
 * against the token, all others against the client address, each per minute.
 */
public final class Access {
    /** How a client presents its key. */
    public enum Scheme {
        /** alerts.in.ua: {@code Authorization: Bearer <token>} or {@code ?token=<token>}. */
        BEARER_OR_QUERY,
        /** ukrainealarm: {@code Authorization: <key>}, raw (a {@code Bearer } prefix is tolerated). */
        RAW_HEADER
    }

    /** A token that authenticated stays valid here this long without asking the store (which caches for 2 s). */
    private static final long CACHE_NANOS = 1_000_000_000L;
    private static final int CACHE_MAX = 10_000;

    private record Cached(Actor actor, long until) {
    }

    private final Vertx vertx;
    private final TokenStore tokens;
    private final boolean anonymous;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private final WindowLimiter perToken;
    private final WindowLimiter perAddress;
    private final Function<RoutingContext, String> address;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Access(Vertx vertx, TokenStore tokens, boolean anonymous, int perTokenPerMinute, int perAddressPerMinute,
                  Function<RoutingContext, String> address) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.anonymous = anonymous;
        this.perToken = new WindowLimiter(perTokenPerMinute, MINUTE_NANOS);
        this.perAddress = new WindowLimiter(perAddressPerMinute, MINUTE_NANOS);
        this.address = address;
    }

    /** Calls {@code ok} or {@code denied} on the request's event loop. */
    public void check(RoutingContext ctx, Scheme scheme, Runnable ok, Consumer<Denial> denied) {
        identify(ctx, scheme, actor -> ok.run(), denied);
    }

    /** The same, giving {@code ok} the token's actor (null for an anonymous read). */
    public void identify(RoutingContext ctx, Scheme scheme, Consumer<Actor> ok, Consumer<Denial> denied) {
        String header = ctx.request().getHeader("Authorization");
        String key = null;
        boolean inUrl = false;
        if (header != null && !header.isBlank()) {
            boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
            if (bearer) {
                key = header.substring(7).trim();
            } else if (scheme == Scheme.RAW_HEADER) {
                key = header.trim();
            } else {
                denied.accept(Denial.of(401, "send Authorization: Bearer <token> or ?token=<token>"));
                return;
            }
        } else if (scheme == Scheme.BEARER_OR_QUERY) {
            key = ctx.request().getParam("token");
            inUrl = key != null;
        }
        String client = address.apply(ctx);
        long now = System.nanoTime();
        if (key == null || key.isEmpty()) {
            if (!anonymous) {
                limited(client, now, denied, () -> denied.accept(Denial.of(401, scheme == Scheme.RAW_HEADER
                        ? "send Authorization: <key> (a Tocsin token)"
                        : "send Authorization: Bearer <token> or ?token=<token> (a Tocsin token)")));
                return;
            }
            limited(client, now, denied, () -> ok.accept(null));
            return;
        }
        boolean url = inUrl;
        String presented = key;
        Cached c = cache.get(presented);
        if (c != null && c.until() - now > 0) {
            decide(c.actor(), url, client, now, ok, denied);
            return;
        }
        Context loop = vertx.getOrCreateContext();
        vertx.<Optional<Actor>>executeBlocking(() -> tokens.authenticate(presented), false).onComplete(ar ->
                loop.runOnContext(x -> {
                    Actor actor = ar.succeeded() ? ar.result().orElse(null) : null;
                    if (!ar.succeeded()) {
                        denied.accept(Denial.of(503, "tokens cannot be checked now; retry shortly"));
                        return;
                    }
                    if (actor != null) {
                        if (cache.size() > CACHE_MAX) {
                            cache.clear();
                        }
                        cache.put(presented, new Cached(actor, System.nanoTime() + CACHE_NANOS));
                    }
                    decide(actor, url, client, System.nanoTime(), ok, denied);
                }));
    }

    private void decide(Actor actor, boolean inUrl, String client, long now, Consumer<Actor> ok,
                        Consumer<Denial> denied) {
        if (actor == null) {
            limited(client, now, denied, () -> denied.accept(Denial.of(401, "the token is unknown, revoked or expired")));
            return;
        }
        if (inUrl && actor.role() != Role.INTEGRATOR) {
            limited(client, now, denied, () -> denied.accept(Denial.of(401, "only integrator tokens may be sent in "
                    + "the URL; send this " + actor.role().wire() + " token as Authorization: Bearer, and rotate it: "
                    + "a URL is logged")));
            return;
        }
        long over = perToken.hit(actor.id(), now);
        if (over > 0) {
            denied.accept(new Denial(429, "Too many requests: this token is over its per-minute limit", over));
            return;
        }
        ok.accept(actor);
    }

    private void limited(String client, long now, Consumer<Denial> denied, Runnable then) {
        long over = perAddress.hit(client, now);
        if (over > 0) {
            denied.accept(new Denial(429, "Too many requests from this address: over the per-minute limit", over));
            return;
        }
        then.run();
    }
}
