package io.tocsin.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tocsin.app.AlertDesk;
import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.region.PointLocator;
import io.tocsin.stream.Hub;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.core.http.HttpMethod;
import io.tocsin.server.ServerConfig;
import java.util.Set;

/** Assembles the routes: one resource class per area, one error path for everything that fails. */
public final class ApiRouter {
    /** Alert bodies are small; anything bigger is refused before it is parsed. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    private ApiRouter() {
    }

    /** The push channels' parts the API serves: the location table and the webhook service with its encoder. */
    /** Degraded: the board may be behind the log (a failed read, or a cluster node lagging past its bound). */
    private static boolean degraded(AlertDesk desk, io.tocsin.cluster.ClusterNode cluster) {
        return desk.behind() || (cluster != null && cluster.health().degraded());
    }

    public record Push(io.tocsin.compat.locations.LocationTable table, io.tocsin.compat.CompatApi.Webhooks webhooks) {
    }

    public static Router create(Vertx vertx, ServerConfig config, AlertDesk desk, RegionTree tree,
                                PointLocator locator, io.tocsin.region.RegionSearch search, Hub hub, TokenStore tokens, PrometheusMeterRegistry metrics,
                                io.tocsin.cap.mapping.CapStores capStores,
                                io.tocsin.audit.ChainGuard chainGuard,
                                java.util.function.Consumer<Runnable> afterListening, Push push,
                                io.tocsin.cluster.ClusterNode cluster) {
        PrivateQueries.keepOutOfLogs();
        Router r = Router.router(vertx);
        // Before everything else, so every routed request is counted and timed, refusals by the gate included.
        r.route().order(-4000).handler(new RequestMetrics(r, metrics,
                java.util.stream.Stream.concat(StreamResource.ROUTES.stream(), Set.of(OperatorStream.ROUTE).stream())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet())));
        // First of all, even before the CAP route that reads its own large bodies (order -1000).
        r.route().order(-3000).handler(new RequestGate(TrustedProxies.parse(config.trustedProxies())));
        r.route().order(-2000).handler(ApiRouter::securityHeaders);
        if (!config.corsOrigins().isEmpty()) {
            // Off unless configured: browsers on other origins may then read the public API, never with credentials.
            r.route("/api/*").handler(CorsHandler.create().addOrigins(config.corsOrigins())
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID", "Idempotency-Key")));
        }
        r.route("/api/*").handler(new JsonBodies());
        r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        Auth auth = new Auth(tokens, config.limits());
        // The operator console's sessions (in memory, see ConsoleSessions for why) and the checks on their cookie.
        io.tocsin.auth.ConsoleSessions sessions = new io.tocsin.auth.ConsoleSessions(java.time.Clock.systemUTC(),
                java.time.Duration.ofSeconds(config.sessions().idleSeconds()),
                java.time.Duration.ofSeconds(config.sessions().maxAgeSeconds()));
        r.route("/api/*").handler(new SessionGate(sessions, config.identity().publicUrl()));
        SnapshotBodies bodies = new SnapshotBodies(vertx, metrics);
        // First of the resources: the compat APIs are polled hardest, and the router tries routes in order.
        io.tocsin.compat.CompatApi.mount(r, vertx, desk.board(), tree, push.table(), tokens, config.compat(),
                ctx -> ctx.get(Auth.CLIENT_ADDRESS), afterListening, push.webhooks());
        new RegionSearchResource(search).mount(r);
        new RegionsResource(vertx, tree, desk.board()).mount(r);
        new CapResource(vertx, config, desk, tree, locator, auth, capStores, bodies).mount(r);
        new StatsResource(vertx, tree, desk.board().exposure(), java.time.Clock.systemUTC()).mount(r);
        new HistoryExportResource(vertx, tree, desk.board().exposure(), java.time.Clock.systemUTC()).mount(r);
        new PreviewResource(vertx, desk, tree, auth).mount(r);
        new AlertsResource(vertx, desk, tree, auth, bodies).mount(r);
        new ApprovalsResource(vertx, desk, auth, tree).mount(r);
        new ReportsResource(vertx, desk, tree, auth).mount(r);
        new ShelterResource(vertx, desk, tree, auth).mount(r);
        new AuditResource(vertx, desk.log(), auth, chainGuard).mount(r);
        new TokensResource(vertx, tokens, tree, auth).mount(r);
        new EventsResource(vertx, desk.log()).mount(r);
        new WebhooksResource(vertx, push.webhooks().service(), auth).mount(r);
        new PointStatusResource(locator, desk.board()).mount(r);
        new StreamResource(vertx, hub, tree, locator, metrics, auth).mount(r);
        new SessionResource(vertx, sessions, auth, TrustedProxies.parse(config.trustedProxies()),
                config.identity().publicUrl()).mount(r);
        OperatorStream operatorStream = new OperatorStream(vertx, tree, auth, sessions);
        operatorStream.mount(r);
        desk.addSink(operatorStream);
        // Liveness: the process answers; "degraded" while the board may be behind the log. Readiness: 503 while
        // behind, so a load balancer drains this node until it has caught up and can write.
        r.get("/health").handler(ctx -> {
            var body = io.tocsin.json.Json.MAPPER.createObjectNode()
                    .put("status", degraded(desk, cluster) ? "degraded" : "up").put("seq", desk.board().lastSeq())
                    .put("subscribers", hub.subscribers());
            if (cluster != null) {
                ClusterHealth.put(body, cluster.health());
            }
            Replies.ok(ctx, body);
        });
        r.get("/ready").handler(ctx -> {
            if (cluster != null && degraded(desk, cluster) && !desk.behind()) {
                var h = cluster.health();
                Problems.send(ctx, Problem.UNAVAILABLE, "not ready: this node is " + h.lag() + " events behind the"
                        + " log for " + h.laggingMs() + " ms (seq " + desk.board().lastSeq() + ")");
            } else if (desk.behind()) {
                Problems.send(ctx, Problem.UNAVAILABLE, "not ready: the event log cannot be read, so this node may"
                        + " be behind it (seq " + desk.board().lastSeq() + ")");
            } else {
                Replies.ok(ctx, io.tocsin.json.Json.MAPPER.createObjectNode().put("status", "ready")
                        .put("seq", desk.board().lastSeq()));
            }
        });
        // Off the event loop: the scrape reads the log's head from the database and walks the JVM's threads.
        r.get("/metrics").handler(ctx -> Blocking.run(vertx, ctx, metrics::scrape, text -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text)));
        // The configured public URL names the server; unset, the relative "/" (never the request's Host header).
        OpenApiResource api = new OpenApiResource(config.identity().publicUrl());
        api.mount(r);
        afterListening.accept(api::prepare);
        MapResource map = new MapResource(vertx, tree, locator);
        map.mount(r);
        afterListening.accept(map::prepare);
        new PagesResource(tree, desk.board()).mount(r);

        r.route().failureHandler(ApiRouter::failure);
        r.errorHandler(404, ctx -> Problems.send(ctx, Problem.NOT_FOUND, "no resource at " + ctx.request().path()));
        r.errorHandler(405, ctx -> Problems.send(ctx, Problem.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        r.errorHandler(413, ctx -> Problems.send(ctx, Problem.BODY_TOO_LARGE,
                "the body is larger than " + MAX_BODY_BYTES + " bytes"));
        r.errorHandler(500, ctx -> Problems.fail(ctx, ctx.failure()));
        return r;
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            Problems.fail(ctx, ctx.failure());
            return;
        }
        int code = ctx.statusCode();
        Problem p = switch (code) {
            case 400 -> Problem.MALFORMED_JSON;
            case 404 -> Problem.NOT_FOUND;
            case 405 -> Problem.METHOD_NOT_ALLOWED;
            case 413 -> Problem.BODY_TOO_LARGE;
            case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE;
            default -> Problem.INTERNAL;
        };
        Problems.send(ctx, p, code == 413 ? "the body is larger than " + MAX_BODY_BYTES + " bytes" : p.title());
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }
}
