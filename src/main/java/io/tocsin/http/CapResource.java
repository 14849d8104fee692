package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.cap.CapIssue;
import io.tocsin.cap.SecureXml;
import io.tocsin.cap.mapping.AtomFeed;
import io.tocsin.cap.mapping.CapAreaResolver;
import io.tocsin.cap.mapping.CapExporter;
import io.tocsin.cap.mapping.CapImportException;
import io.tocsin.cap.mapping.CapImporter;
import io.tocsin.cap.mapping.CapLinks;
import io.tocsin.cap.mapping.CapPolygons;
import io.tocsin.cap.mapping.CapStores;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.tocsin.region.PointLocator;
import io.tocsin.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;
import java.util.Set;

/**
 * CAP 1.2 in and out (docs/cap.md): {@code POST /api/v1/cap} imports a message as an operator's command,
 * {@code GET /api/v1/alerts/{id}.cap} exports an alert's current (or {@code ?seq=}) version, and
 * {@code GET /api/v1/cap/feed.atom} ({@link CapFeedResource}) lists the messages of the retention window. Mount it before {@link AlertsResource},
 * whose {@code /api/v1/alerts/:id} would otherwise take {@code {id}.cap} for an alert id.
 */
final class CapResource {
    /** CAP messages carry polygons: they get 2 MiB where JSON bodies get 64 KiB. */
    static final long MAX_CAP_BYTES = SecureXml.MESSAGE_LIMIT;
    private static final Set<String> XML_TYPES = Set.of("application/cap+xml", "application/xml", "text/xml");

    private final Vertx vertx;
    private final AlertDesk desk;
    private final Auth auth;
    private final CapExporter exporter;
    private final CapImporter importer;
    private final PublicUrl publicUrl;

    private final CapFeedResource feed;

    CapResource(Vertx vertx, ServerConfig config, AlertDesk desk, RegionTree tree, PointLocator locator, Auth auth,
                CapStores stores, SnapshotBodies bodies) {
        this.vertx = vertx;
        this.desk = desk;
        this.auth = auth;
        this.publicUrl = new PublicUrl(config);
        String sender = sender(config);
        this.exporter = new CapExporter(sender, tree, new CapPolygons(locator), config.cap(), stores.origins());
        this.importer = new CapImporter(desk, tree, new CapAreaResolver(tree, locator),
                new CapLinks(sender, stores.links()), stores.origins());
        this.feed = new CapFeedResource(config, desk, tree, bodies);
    }

    void mount(Router r) {
        // Read the CAP body with its own limit before the API-wide 64 KiB body handler, which then lets it pass.
        r.post("/api/v1/cap").order(-1000).handler(BodyHandler.create(false).setBodyLimit(MAX_CAP_BYTES))
                .failureHandler(this::failure);
        r.post("/api/v1/cap").handler(this::importMessage);
        r.getWithRegex("/api/v1/alerts/([^/]+)\\.cap").handler(this::export);
        feed.mount(r);
    }

    private void importMessage(RoutingContext ctx) {
        Auth.Credentials credentials = Auth.credentials(ctx);
        String type = ctx.request().getHeader("Content-Type");
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        vertx.executeBlocking(() -> {
            var actor = auth.require(credentials, Role.ADMIN, Role.OPERATOR);
            String media = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!XML_TYPES.contains(media)) {
                throw new DomainException(Problem.UNSUPPORTED_MEDIA_TYPE, "send the CAP message as "
                        + "application/cap+xml (or application/xml, text/xml), not '" + media + "'");
            }
            return importer.importMessage(actor, body);
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
            } else {
                reply(ctx, ar.result());
            }
        });
    }

    private void reply(RoutingContext ctx, CapImporter.Outcome o) {
        LoggedEvent e = o.event();
        ObjectNode body;
        int status;
        switch (o.result()) {
            case ISSUED, UPDATED, ENDED -> {
                body = EventJson.writePublic(e);
                status = o.result() == CapImporter.Result.ISSUED ? 201 : 200;
                ctx.response().putHeader("Location", "/api/v1/alerts/" + o.alertId());
            }
            case PENDING_APPROVAL -> {
                body = ApprovalsResource.pendingJson(e.seq(), e.event().alert(), e.event().actor(), e.event().at(),
                        e.event().at().plus(desk.approvalTtl()));
                status = 202;
                ctx.response().putHeader("Location", "/api/v1/approvals/" + o.alertId());
            }
            default -> {
                body = Json.MAPPER.createObjectNode();
                status = o.result() == CapImporter.Result.NOT_PUBLISHED ? 202 : 200;
                if (o.alertId() != null) {
                    body.put("alert_id", o.alertId());
                }
                body.put("detail", switch (o.result()) {
                    case NOT_PUBLISHED -> "status " + o.message().capStatus() + " is accepted but never published: "
                            + "the message is valid and maps to an alert, and nothing was changed";
                    case DUPLICATE -> "this message was imported before; nothing was changed";
                    default -> "the alert has already ended here; nothing was changed";
                });
            }
        }
        body.put("result", o.result().name().toLowerCase(Locale.ROOT));
        body.put("published", e != null);
        ObjectNode cap = body.putObject("cap");
        cap.put("sender", o.message().sender());
        cap.put("identifier", o.message().identifier());
        cap.put("sent", o.message().sent());
        cap.put("status", o.message().capStatus());
        cap.put("action", o.message().action().wire());
        o.message().content().ifPresent(c -> {
            ArrayNode regions = cap.putArray("regions");
            c.regions().forEach(regions::add);
        });
        Replies.json(ctx, status, body);
    }

    private void export(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        long seq = Queries.longParam(ctx, "seq", 0, 1, Long.MAX_VALUE);
        desk.board().find(id).orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + id));
        vertx.executeBlocking(() -> exporter.export(desk.log().forAlert(id), seq,
                publicUrl.base(ctx.request())), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.fail(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                Problems.send(ctx, Problem.ALERT_NOT_FOUND, "alert " + id + " has no version with seq " + seq);
            } else {
                ctx.response().putHeader("Content-Type", AtomFeed.CAP_TYPE + "; charset=utf-8")
                        .end(Buffer.buffer(ar.result().get()));
            }
        });
    }

    /** The import route's failures: the 2 MiB limit, then CAP problems; anything else goes to the API's handler. */
    private void failure(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            Problems.send(ctx, Problem.BODY_TOO_LARGE, "a CAP message may be at most " + MAX_CAP_BYTES + " bytes");
        } else if (ctx.failure() instanceof CapImportException e) {
            fail(ctx, e);
        } else {
            ctx.next();
        }
    }

    private static void fail(RoutingContext ctx, Throwable t) {
        if (!(t instanceof CapImportException e)) {
            Problems.fail(ctx, t);
            return;
        }
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", Problems.TYPE_BASE + e.kind().code());
        body.put("title", e.kind().title());
        body.put("status", e.kind().status());
        body.put("code", e.kind().code());
        body.put("detail", e.getMessage());
        body.put("instance", ctx.request().path());
        ArrayNode errors = body.putArray("errors");
        for (CapIssue issue : e.errors()) {
            errors.addObject().put("category", issue.category().label()).put("code", issue.code())
                    .put("xpath", issue.xpath()).put("message", issue.message());
        }
        ctx.response().setStatusCode(e.kind().status()).putHeader("Content-Type", "application/problem+json")
                .end(body.toString());
    }

    /**
     * The CAP {@code sender} of this instance: {@code cap_sender}, else {@code tocsin@<host>} (the machine's name
     * when listening on every interface). Characters CAP forbids in a sender (space, comma, {@code <}, {@code &})
     * are dropped.
     */
    static String sender(ServerConfig config) {
        String configured = config.identity().capSender();
        String sender = configured == null || configured.isBlank()
                ? "tocsin@" + PublicUrl.listenerName(config.host()) : configured;
        return sender.replaceAll("[\\s,<&]", "");
    }
}
