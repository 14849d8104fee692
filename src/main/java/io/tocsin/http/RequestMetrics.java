package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

/**
 * HTTP requests by method, route template ({@link RouteTemplates}) and status: {@code tocsin_http_requests_total}
 * counts every request the router sees, once, when its response head goes out; {@code
 * tocsin_http_request_duration_seconds} times it from routing to the last byte of its response. Streams are counted
 * but not timed: they last as long as their subscribers stay. A request whose client went away before any response
 * is counted with {@code status="none"} and not timed. Requests the decoder or the connection caps refuse never
 * reach the router; they have their own counters.
 */
final class RequestMetrics implements Handler<RoutingContext> {
    /**
     * Latency buckets: reads are answered from memory in well under a millisecond to a few; writes wait for a durable
     * commit (an fsync, a PostgreSQL round trip), tens of milliseconds; a request past a few seconds has failed its
     * client in all but name.
     */
    static final Duration[] BUCKETS = DoubleStream.of(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final String KEY = RequestMetrics.class.getName();

    private final MeterRegistry metrics;
    private final RouteTemplates templates;
    private final Set<String> streams;

    /** One request's progress: counted once, whichever of the head, the upgrade or the end comes first. */
    private static final class Seen {
        final RequestMetrics owner;
        final long startNanos = System.nanoTime();
        String method;
        String route;
        String status;

        Seen(RequestMetrics owner) {
            this.owner = owner;
        }
    }

    /** {@code streams}: the templates of the long-lived stream routes, counted but never timed. */
    RequestMetrics(Router router, MeterRegistry metrics, Set<String> streams) {
        this.metrics = metrics;
        this.templates = new RouteTemplates(router);
        this.streams = streams;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Seen seen = new Seen(this);
        ctx.put(KEY, seen);
        ctx.addHeadersEndHandler(v -> count(ctx, seen, Integer.toString(ctx.response().getStatusCode())));
        ctx.addEndHandler(ar -> ended(ctx, seen));
        ctx.next();
    }

    /** A WebSocket upgrade answered on the raw connection (Vert.x never writes that response): counted as 101. */
    static void switchedProtocols(RoutingContext ctx) {
        if (ctx.get(KEY) instanceof Seen seen) {
            seen.owner.count(ctx, seen, "101");
        }
    }

    private void count(RoutingContext ctx, Seen seen, String status) {
        if (seen.route != null) {
            return;
        }
        HttpMethod m = ctx.request().method();
        seen.method = METHODS.contains(m) ? m.name() : "other";
        seen.route = templates.of(ctx);
        seen.status = status;
        Counter.builder("tocsin_http_requests")
                .description("HTTP requests by method, route template and status (streams included: counted when "
                        + "they open; status none: the client left before any response)")
                .tags("method", seen.method, "route", seen.route, "status", status)
                .register(metrics).increment();
    }

    private void ended(RoutingContext ctx, Seen seen) {
        count(ctx, seen, "none");
        if (seen.status.equals("none") || streams.contains(seen.route)) {
            return;
        }
        Timer.builder("tocsin_http_request_duration")
                .description("HTTP request latency, from routing to the end of the response, by method, route "
                        + "template and status (streams excluded)")
                .tags("method", seen.method, "route", seen.route, "status", seen.status)
                .serviceLevelObjectives(BUCKETS)
                .register(metrics).record(System.nanoTime() - seen.startNanos, TimeUnit.NANOSECONDS);
    }
}
