package io.tocsin.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * Names a request by the route template that serves it ({@code /api/v1/alerts/:id}), never by its path: paths carry
 * ids, so labelling metrics with them would make one time series per alert. A request whose handler answered is
 * named by that handler's route; one answered elsewhere (a failure handler, a 404 or 405) by the most specific
 * template its path fits, preferring one for its method; a path no template fits is {@code /*} for GET and HEAD
 * (the static files' route) and {@code unmatched} otherwise. The label set is thus the router's templates and two
 * more, whatever clients send.
 */
final class RouteTemplates {
    static final String STATIC = "/*";
    static final String UNMATCHED = "unmatched";

    private record Template(String path, String[] segments, Set<HttpMethod> methods) {
    }

    private final Router router;
    private volatile List<Template> templates;

    RouteTemplates(Router router) {
        this.router = router;
    }

    String of(RoutingContext ctx) {
        Route current = ctx.currentRoute();
        if (concrete(current)) {
            return current.getPath();
        }
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        Template best = null;
        int bestScore = -1;
        for (Template t : templates()) {
            int literal = fit(t.segments(), path);
            if (literal >= 0) {
                int score = literal * 2 + (t.methods().isEmpty() || t.methods().contains(method) ? 1 : 0);
                if (score > bestScore) {
                    best = t;
                    bestScore = score;
                }
            }
        }
        if (best != null) {
            return best.path();
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? STATIC : UNMATCHED;
    }

    /**
     * A route with one exact path (parameters allowed), not a prefix or a catch-all; a route given as a regex has
     * no path. (Vert.x counts a path with parameters as a regex path, so that flag cannot tell them apart.)
     */
    private static boolean concrete(Route r) {
        return r != null && r.getPath() != null && r.isExactPath() && !r.getPath().endsWith("*");
    }

    /** How many literal segments of the template match the path, or -1 when the path does not fit it. */
    private static int fit(String[] template, String path) {
        String[] segments = split(path);
        if (segments.length != template.length) {
            return -1;
        }
        int literal = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith(":")) {
                if (segments[i].isEmpty()) {
                    return -1;
                }
            } else if (template[i].equals(segments[i])) {
                literal++;
            } else {
                return -1;
            }
        }
        return literal;
    }

    private static String[] split(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.split("/", -1);
    }

    /** Read from the router on first use: every route is mounted by then. */
    private List<Template> templates() {
        List<Template> t = templates;
        if (t == null) {
            t = router.getRoutes().stream().filter(RouteTemplates::concrete)
                    .map(r -> new Template(r.getPath(), split(r.getPath()),
                            r.methods() == null ? Set.of() : Set.copyOf(r.methods())))
                    .toList();
            templates = t;
        }
        return t;
    }
}
