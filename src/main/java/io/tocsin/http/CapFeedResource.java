package io.tocsin.http;

import io.tocsin.app.AlertDesk;
import io.tocsin.cap.mapping.AtomFeed;
import io.tocsin.cap.mapping.CapFeedWindow;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.server.ServerConfig;
import io.tocsin.stream.StreamFilter;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/cap/feed.atom}: one Atom entry per CAP message within the retention ({@link CapFeedWindow}),
 * newest first, with the filters of /api/v1/alerts/active (drills only when asked for), paged by {@code before=SEQ}
 * ({@link AtomFeed#PAGE} entries a page). Conditional GET: a weak ETag and Last-Modified per revision of the window;
 * {@code If-None-Match} or {@code If-Modified-Since} → 304. Bodies are encoded off the event loops, once per
 * (variant, revision) however many clients ask.
 */
final class CapFeedResource {
    /** Changes on every start, so an ETag from another process never matches by chance. */
    private static final String BOOT = UUID.randomUUID().toString().substring(0, 8);
    /** Variants kept (filter × page × URL); beyond it the cache starts over. */
    private static final int MAX_VARIANTS = 256;

    private final RegionTree tree;
    private final PublicUrl publicUrl;
    private final CapFeedWindow window;
    private final WorkerExecutor encoders;
    private final Map<Object, Slot> cache = new ConcurrentHashMap<>();

    private record Slot(long revision, CompletableFuture<byte[]> body) {
    }

    CapFeedResource(Vertx vertx, ServerConfig config, AlertDesk desk, RegionTree tree) {
        this.tree = tree;
        this.publicUrl = new PublicUrl(config);
        this.window = new CapFeedWindow(config.cap().feedRetention(), desk.clock());
        // Added before seeding: an event folded meanwhile comes through the sink, one seeded twice counts once.
        desk.addSink(window);
        window.seed(desk.log(), desk.board().lastSeq());
        // The same pool as the other large read bodies (SnapshotBodies): reads never take the machine.
        this.encoders = vertx.createSharedWorkerExecutor("tocsin-read-encoder", SnapshotBodies.ENCODERS);
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
        CapFeedWindow.View view = window.view();
        String etag = "W/\"cap-" + view.revision() + "-" + BOOT + "\"";
        Instant modified = view.changedAt().truncatedTo(ChronoUnit.SECONDS);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC));
        ctx.response().putHeader("ETag", etag).putHeader("Last-Modified", lastModified)
                .putHeader("Cache-Control", "no-cache");
        if (notModified(ctx, etag, modified)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        Object key = List.of(filter, self, before, base);
        if (cache.size() > MAX_VARIANTS) {
            cache.clear();
        }
        Slot slot = cache.compute(key, (k, old) -> old != null && old.revision() == view.revision() ? old
                : new Slot(view.revision(), encode(view, filter, before, path, self, base)));
        slot.body().whenComplete((bytes, failure) -> ctx.vertx().runOnContext(v -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (failure != null) {
                Problems.fail(ctx, failure);
            } else {
                ctx.response().putHeader("Content-Type", "application/atom+xml; charset=utf-8")
                        .end(Buffer.buffer(bytes));
            }
        }));
    }

    private static boolean notModified(RoutingContext ctx, String etag, Instant modified) {
        String match = ctx.request().getHeader("If-None-Match");
        if (match != null) {
            return match.contains(etag); // RFC 9110: If-None-Match decides when present
        }
        String since = ctx.request().getHeader("If-Modified-Since");
        if (since == null) {
            return false;
        }
        try {
            Instant t = DateTimeFormatter.RFC_1123_DATE_TIME.parse(since, Instant::from);
            return !modified.isAfter(t);
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored (RFC 9110 13.1.3)
        }
    }

    private CompletableFuture<byte[]> encode(CapFeedWindow.View view, StreamFilter filter, long before, String path,
                                             String self, String base) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        encoders.<byte[]>executeBlocking(() -> body(view, filter, before, path, self, base), false)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        f.complete(ar.result());
                    } else {
                        f.completeExceptionally(ar.cause());
                    }
                });
        return f;
    }

    private byte[] body(CapFeedWindow.View view, StreamFilter filter, long before, String path, String self,
                        String base) {
        List<LoggedEvent> matching = view.newestFirst().stream()
                .filter(e -> before == 0 || e.seq() < before)
                .filter(e -> filter.matches(e.event().alert(), tree)).toList();
        List<LoggedEvent> page = matching.subList(0, Math.min(AtomFeed.PAGE, matching.size()));
        String next = null;
        if (matching.size() > page.size()) {
            String query = Objects.requireNonNullElse(self.contains("?") ? self.substring(self.indexOf('?') + 1) : "",
                    "").replaceAll("(^|&)before=[^&]*", "");
            query = query.startsWith("&") ? query.substring(1) : query;
            next = path + "?" + (query.isEmpty() ? "" : query + "&") + "before=" + page.get(page.size() - 1).seq();
        }
        Set<Status> statuses = filter.statuses();
        String title = "Tocsin: повідомлення CAP / CAP messages"
                + (statuses.equals(EnumSet.of(Status.ACTUAL)) ? ""
                : " (" + String.join(", ", statuses.stream().map(Status::wire).toList()) + ")");
        return AtomFeed.write(page, tree, title, new AtomFeed.Links(path, self, base, next), view.changedAt());
    }
}
