package io.tocsin.http;

import io.tocsin.auth.ConsoleSessions;
import io.tocsin.domain.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Set;

/**
 * Resolves the console's session cookie for the API, and guards what it may do. A request with its own
 * {@code Authorization} is judged by that alone (the cookie is ignored). Otherwise a live cookie puts its session
 * in the context for {@link Auth}; one that names an ended session marks it so, for a {@code session-expired}
 * answer that tells the console to sign in again. A write with the cookie must prove it comes from the console: an
 * {@code Origin} equal to the server's own (a browser sets it on every cross-origin and same-origin write; a page
 * cannot forge it) and the session's anti-CSRF token in {@code X-CSRF-Token} (a page elsewhere cannot read it). The
 * cookie is SameSite=Strict too; these two checks keep the guarantee when a browser or a proxy fails at that.
 */
final class SessionGate implements Handler<RoutingContext> {
    static final String COOKIE = "tocsin_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "tocsin.session";
    static final String ENDED = "tocsin.sessionEnded";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleSessions sessions;
    /** The configured public origin ({@code https://alerts.example.org}), or null: then the request's Host. */
    private final String publicOrigin;

    SessionGate(ConsoleSessions sessions, String publicUrl) {
        this.sessions = sessions;
        this.publicOrigin = publicUrl == null ? null : origin(publicUrl);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Cookie cookie = req.getCookie(COOKIE);
        if (cookie == null || req.getHeader("Authorization") != null) {
            ctx.next();
            return;
        }
        ConsoleSessions.Session s = sessions.use(cookie.getValue()).orElse(null);
        if (s == null) {
            ctx.put(ENDED, Boolean.TRUE);
        } else {
            ctx.put(SESSION, s);
        }
        if (!READS.contains(req.method())) {
            String why = refusal(req, s);
            if (why != null) {
                Problems.send(ctx, Problem.CROSS_ORIGIN, why);
                return;
            }
        }
        ctx.next();
    }

    private String refusal(HttpServerRequest req, ConsoleSessions.Session s) {
        String origin = req.getHeader("Origin");
        if (origin == null || !sameOrigin(origin, req)) {
            return "a write with the session cookie must come from this server's own console (Origin "
                    + (origin == null ? "missing" : "'" + origin + "'") + ")";
        }
        // An ended session is answered session-expired by Auth: the console signs in again.
        if (s != null && !ConsoleSessions.sameSecret(s.csrf(), req.getHeader(CSRF_HEADER))) {
            return "a write with the session cookie must carry the session's " + CSRF_HEADER + " header";
        }
        return null;
    }

    private boolean sameOrigin(String origin, HttpServerRequest req) {
        if (publicOrigin != null) {
            return publicOrigin.equalsIgnoreCase(origin);
        }
        String host = req.getHeader("Host");
        if (host == null && req.authority() != null) { // HTTP/2 names the host in :authority
            var a = req.authority();
            host = a.port() > 0 ? a.host() + ":" + a.port() : a.host();
        }
        return host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
