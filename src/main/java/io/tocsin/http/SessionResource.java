package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.auth.ConsoleSessions;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * The operator console's sign-in: POST /api/v1/session with the token in {@code Authorization} sets an HttpOnly,
 * SameSite=Strict cookie naming a new session (Secure when the console is reached over HTTPS: directly, through a
 * trusted proxy that says so, or by the configured public URL); GET tells the console who is signed in and the
 * anti-CSRF token its writes carry (204 without a cookie, 401 {@code session-expired} for an ended session); DELETE signs out. The token is never echoed: the console forgets it once the
 * cookie is set.
 */
final class SessionResource {
    private final Vertx vertx;
    private final ConsoleSessions sessions;
    private final Auth auth;
    private final TrustedProxies trusted;
    private final boolean publicHttps;

    SessionResource(Vertx vertx, ConsoleSessions sessions, Auth auth, TrustedProxies trusted, String publicUrl) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.auth = auth;
        this.trusted = trusted;
        this.publicHttps = publicUrl != null && publicUrl.toLowerCase(Locale.ROOT).startsWith("https:");
    }

    void mount(Router r) {
        r.post("/api/v1/session").handler(this::signIn);
        r.get("/api/v1/session").handler(this::current);
        r.delete("/api/v1/session").handler(this::signOut);
    }

    private void signIn(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> auth.require(c.bearer() == null ? new Auth.Credentials(c.address(), null) : c,
                Role.OPERATOR, Role.ADMIN), actor -> {
            ConsoleSessions.Created created = sessions.create(actor.id());
            Cookie cookie = Cookie.cookie(SessionGate.COOKIE, created.cookie()).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(sessions.maxAge().toSeconds())
                    .setSecure(https(ctx.request()));
            ctx.response().addCookie(cookie).putHeader("Cache-Control", "no-store");
            Replies.json(ctx, 201, body(actor, created.session()));
        });
    }

    private void current(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        ConsoleSessions.Session s = ctx.get(SessionGate.SESSION);
        if (c.bearer() == null && s == null && !c.sessionEnded()) {
            // No cookie at all: nobody is signed in, which is no error (the console then shows its sign-in).
            ctx.response().putHeader("Cache-Control", "no-store").setStatusCode(204).end();
            return;
        }
        Blocking.run(vertx, ctx, () -> auth.require(c, Role.OPERATOR, Role.ADMIN), actor -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            Replies.ok(ctx, body(actor, s));
        });
    }

    private void signOut(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(SessionGate.COOKIE);
        if (cookie != null) {
            sessions.end(cookie.getValue());
        }
        ctx.response().addCookie(Cookie.cookie(SessionGate.COOKIE, "").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(0).setSecure(https(ctx.request())));
        ctx.response().setStatusCode(204).end();
    }

    private ObjectNode body(Actor actor, ConsoleSessions.Session s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode a = n.putObject("actor");
        a.put("id", actor.id());
        a.put("name", actor.name());
        a.put("role", actor.role().wire());
        actor.scope().forEach(a.putArray("scope")::add);
        if (s != null) {
            n.put("csrf", s.csrf());
            n.put("signed_in_at", s.createdAt().toString());
            n.put("ends_at", sessions.endsAt(s).toString());
        }
        return n;
    }

    /** Whether the browser reached us over HTTPS (a header is believed from a trusted proxy only). */
    private boolean https(HttpServerRequest req) {
        if (publicHttps || req.isSSL()) {
            return true;
        }
        var remote = req.remoteAddress();
        if (remote == null || trusted.isEmpty() || !trusted.contains(remote.hostAddress())) {
            return false;
        }
        String proto = req.getHeader("X-Forwarded-Proto");
        String fwd = req.getHeader("Forwarded");
        return "https".equalsIgnoreCase(proto) || (fwd != null && fwd.toLowerCase(Locale.ROOT).contains("proto=https"));
    }
}
