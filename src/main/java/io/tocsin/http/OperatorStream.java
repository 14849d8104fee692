package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.EventSink;
import io.tocsin.auth.ConsoleSessions;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.SplitDetector;
import io.tocsin.json.EventJson;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * GET /api/v1/operator/stream: the consoles' private stream (SSE), opened with the console's session cookie or an
 * operator's or admin's token. It carries what an operator must see at once, inside the viewer's scope (an admin's
 * is everything): approval requests, approvals and expiries, review requests (to their reviewers only, as on the
 * public streams), and every alert event of any status, so a console's list of active alerts, exercises included,
 * stays current. Live only, no replay: a console (re)loads the approvals and active alerts when it (re)connects,
 * then applies what arrives. Consoles are few (operators, not the public), so each event is encoded once and
 * written to each in-scope console on its own event loop; the public fan-out is not involved.
 */
final class OperatorStream implements EventSink {
    static final String ROUTE = "/api/v1/operator/stream";
    private static final long KEEP_ALIVE_MS = 15_000;
    private static final Set<EventType> CARRIED = Set.of(EventType.ISSUED, EventType.UPDATED, EventType.ENDED,
            EventType.APPROVAL_REQUESTED, EventType.APPROVAL_GRANTED, EventType.APPROVAL_EXPIRED,
            EventType.REVIEW_REQUESTED);

    private final Vertx vertx;
    private final RegionTree tree;
    private final Auth auth;
    private final ConsoleSessions sessions;
    private final Set<Console> consoles = new CopyOnWriteArraySet<>();

    OperatorStream(Vertx vertx, RegionTree tree, Auth auth, ConsoleSessions sessions) {
        this.vertx = vertx;
        this.tree = tree;
        this.auth = auth;
        this.sessions = sessions;
        vertx.setPeriodic(KEEP_ALIVE_MS, t -> consoles.forEach(this::keepAlive));
    }

    /**
     * A keep-alive, or the end of a console whose session has ended meanwhile: its reconnect is then refused, and
     * the console asks to sign in again instead of showing a stream that no longer speaks for anyone.
     */
    private void keepAlive(Console c) {
        if (c.cookie() != null && !sessions.live(c.cookie())) {
            consoles.remove(c);
            c.context().runOnContext(v -> {
                if (!c.res().ended()) {
                    c.res().end(Buffer.buffer("event: session-ended\ndata: {}\n\n"));
                }
            });
            return;
        }
        c.send(Buffer.buffer(": keep-alive\n\n"));
    }

    /** {@code cookie}: the session cookie the console opened the stream with, null for a token. */
    private record Console(Actor viewer, HttpServerResponse res, Context context, String cookie) {
        void send(Buffer b) {
            context.runOnContext(v -> {
                if (!res.ended() && !res.closed() && !res.writeQueueFull()) {
                    res.write(b);
                }
            });
        }
    }

    void mount(Router r) {
        r.get(ROUTE).handler(this::open);
    }

    int consoles() {
        return consoles.size();
    }

    private void open(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Context context = Vertx.currentContext();
        io.vertx.core.http.Cookie cookie = c.bearer() == null ? ctx.request().getCookie(SessionGate.COOKIE) : null;
        Blocking.run(vertx, ctx, () -> auth.require(c, Role.OPERATOR, Role.ADMIN), viewer -> {
            ConnectionGuard.exempt(ctx.request()); // a stream: its keep-alives govern it, not the request timeouts
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            Console console = new Console(viewer, res, context, cookie == null ? null : cookie.getValue());
            res.closeHandler(v -> consoles.remove(console));
            res.endHandler(v -> consoles.remove(console));
            consoles.add(console);
            res.write(Buffer.buffer("retry: 2000\nevent: open\ndata: {}\n\n"));
        });
    }

    @Override
    public void publish(LoggedEvent e) {
        Event event = e.event();
        if (!CARRIED.contains(event.type()) || consoles.isEmpty()) {
            return;
        }
        Buffer frame = null;
        for (Console c : consoles) {
            if (concerns(c.viewer(), event)) {
                if (frame == null) {
                    frame = frame(e);
                }
                c.send(frame);
            }
        }
    }

    private boolean concerns(Actor viewer, Event event) {
        if (event.type() == EventType.REVIEW_REQUESTED) {
            return SplitDetector.isReviewerOf(viewer, event, tree);
        }
        return viewer.role() == Role.ADMIN || SplitDetector.overlaps(viewer, event.alert().regions(), tree);
    }

    private static Buffer frame(LoggedEvent e) {
        ObjectNode n = EventJson.writeAudit(e);
        if (e.event().type() == EventType.APPROVAL_REQUESTED) {
            n.put("requested_by", e.event().actor());
        }
        return Buffer.buffer("id: " + e.seq() + "\nevent: " + e.event().type().wire() + "\ndata: " + n + "\n\n");
    }
}
