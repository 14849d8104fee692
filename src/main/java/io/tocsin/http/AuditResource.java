package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.audit.Checkpoint;
import io.tocsin.audit.ChainGuard;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Role;
import io.tocsin.json.EventJson;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * GET /api/v1/audit?after=&limit= (admin): the whole hash-chained log with actors, approvals and expiries,
 * GET /api/v1/audit/verify: the audit (chain and signed checkpoints), and GET /api/v1/audit/checkpoint (public): the latest signed
 * checkpoint with the public key, for monitors that keep their own copies.
 */
final class AuditResource {
    private final Vertx vertx;
    private final EventLog log;
    private final Auth auth;
    private final ChainGuard guard;

    AuditResource(Vertx vertx, EventLog log, Auth auth, ChainGuard guard) {
        this.vertx = vertx;
        this.log = log;
        this.auth = auth;
        this.guard = guard;
    }

    void mount(Router r) {
        r.get("/api/v1/audit").handler(this::page);
        r.get("/api/v1/audit/verify").handler(this::verify);
        r.get("/api/v1/audit/checkpoint").handler(this::checkpoint);
    }

    /**
     * Public on purpose: a seq and a hash reveal nothing the events page does not, and a monitor that must hold a
     * token to collect evidence is one more thing to go wrong. Read from memory, answered on the loop.
     */
    private void checkpoint(RoutingContext ctx) {
        Checkpoint latest = guard.checkpointer().latest();
        if (latest == null) {
            Problems.send(ctx, Problem.UNAVAILABLE, "no checkpoint could be written yet; see the server's log");
            return;
        }
        ObjectNode body = latest.toJson();
        body.put("algorithm", "Ed25519");
        body.put("public_key", guard.checkpointer().publicKeyBase64());
        body.put("signed", latest.signedText());
        Replies.ok(ctx, body);
    }

    private void page(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, EventsResource.MAX_LIMIT);
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return log.after(after, limit);
        }, page -> {
            ArrayNode events = Json.MAPPER.createArrayNode();
            page.forEach(e -> events.add(EventJson.writeAudit(e)));
            Replies.eventPage(ctx, after, limit, page, events);
        });
    }

    private void verify(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return guard.audit();
        }, check -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("intact", check.intact());
            body.put("checked", check.checked());
            if (!check.intact()) {
                body.put("first_broken_seq", check.brokenSeq());
            }
            body.put("checkpoints", check.checkpoints());
            body.put("reason", check.intact() ? "intact" : check.problem());
            Replies.ok(ctx, body);
        });
    }
}
