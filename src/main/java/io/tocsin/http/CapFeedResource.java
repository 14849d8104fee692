package io.tocsin.http;

import io.tocsin.app.AlertDesk;
import io.tocsin.cap.mapping.AtomFeed;
import io.tocsin.cap.mapping.CapFeedWindow;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.server.ServerConfig;
import io.tocsin.stream.StreamFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/cap/feed.atom}: one Atom entry per CAP message within the retention ({@link CapFeedWindow}),
 * newest first, with the filters of /api/v1/alerts/active (drills only when asked for), paged by {@code before=SEQ}
 * ({@link AtomFeed#PAGE} entries a page). Conditional GET: a weak ETag and Last-Modified per revision of the window;
 * {@code If-None-Match} or {@code If-Modified-Since} → 304. Bodies are made by {@link SnapshotBodies}: off the event
 * loops, once per (variant, revision) however many clients ask.
 */
final class CapFeedResource {
    private final RegionTree tree;
    private final PublicUrl publicUrl;
    private final CapFeedWindow window;
    private final SnapshotBodies bodies;

    CapFeedResource(ServerConfig config, AlertDesk desk, RegionTree tree, SnapshotBodies bodies) {
        this.tree = tree;
        this.publicUrl = new PublicUrl(config);
        this.window = new CapFeedWindow(config.cap().feedRetention(), desk.clock());
        // Added before seeding: an event folded meanwhile comes through the sink, one seeded twice counts once.
        desk.addSink(window);
        window.seed(desk.log(), desk.board().lastSeq());
        this.bodies = bodies;
    }

    void mount(Router r) {
        r.get("/api/v1/cap/feed.atom").handler(this::feed);
    }

    private void feed(RoutingContext ctx) {
        StreamFilter filter = StreamRequest.listFilter(ctx, tree);
        long before = Queries.longParam(ctx, "before", 0, 1, Long.MAX_VALUE);
        String base = publicUrl.base(ctx.request());
        String query = ctx.request().query();
        String path = base + "/api/v1/cap/feed.atom";
        String self = path + (query == null || query.isEmpty() ? "" : "?" + query);
        String nextPage = nextPage(ctx, path);
        CapFeedWindow.View now = window.view();
        Instant modified = now.changedAt().truncatedTo(ChronoUnit.SECONDS);
        ctx.response().putHeader("Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        if (ctx.request().getHeader("If-None-Match") == null && notModifiedSince(ctx, modified)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        // The ETag (per revision) and If-None-Match are SnapshotBodies', as for the other large reads.
        bodies.serve(ctx, "cap_feed", List.of(filter, self, before, base), window::view, CapFeedWindow.View::revision,
                "application/atom+xml; charset=utf-8", view -> body(view, filter, before, path, self, base, nextPage));
    }

    private static String nextPage(RoutingContext ctx, String path) {
        StringBuilder q = new StringBuilder(path).append('?');
        for (Map.Entry<String, String> p : ctx.queryParams()) {
            if (!"before".equals(p.getKey())) {
                q.append(java.net.URLEncoder.encode(p.getKey(), java.nio.charset.StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(p.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return q.toString();
    }

    /** RFC 9110 13.1.3: an unreadable date is ignored. */
    private static boolean notModifiedSince(RoutingContext ctx, Instant modified) {
        String since = ctx.request().getHeader("If-Modified-Since");
        if (since == null) {
            return false;
        }
        try {
            return !modified.isAfter(DateTimeFormatter.RFC_1123_DATE_TIME.parse(since, Instant::from));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** {@code nextPage}: the feed's URL with the request's query but {@code before}, ready for {@code before=}. */
    private byte[] body(CapFeedWindow.View view, StreamFilter filter, long before, String path, String self,
                        String base, String nextPage) {
        List<LoggedEvent> matching = view.newestFirst().stream()
                .filter(e -> before == 0 || e.seq() < before)
                .filter(e -> filter.matches(e.event().alert(), tree)).toList();
        List<LoggedEvent> page = matching.subList(0, Math.min(AtomFeed.PAGE, matching.size()));
        String next = matching.size() > page.size()
                ? nextPage + "before=" + page.get(page.size() - 1).seq() : null;
        Set<Status> statuses = filter.statuses();
        String title = "Tocsin: повідомлення CAP / CAP messages"
                + (statuses.equals(EnumSet.of(Status.ACTUAL)) ? ""
                : " (" + String.join(", ", statuses.stream().map(Status::wire).toList()) + ")");
        // The feed's id names the filtered feed, the same on every page of it.
        String id = nextPage.endsWith("?") ? path : nextPage.substring(0, nextPage.length() - 1);
        return AtomFeed.write(page, tree, title, new AtomFeed.Links(id, self, base, next), view.changedAt());
    }
}
