package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Role;
import io.tocsin.domain.Status;
import io.tocsin.json.Json;
import io.tocsin.push.webhook.DeliveryRecord;
import io.tocsin.push.webhook.Webhook;
import io.tocsin.push.webhook.WebhookService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/webhooks}: signed, durable webhook subscriptions (admin, or an integrator for its own), their
 * delivery log and manual redelivery. The rules live in {@link WebhookService}; this class reads and writes JSON.
 */
final class WebhooksResource {
    private static final Set<String> CREATE = Set.of("url", "regions", "threats", "statuses", "format",
            "heartbeat_seconds", "enabled");
    private static final Set<String> CHANGE = Set.of("url", "regions", "threats", "statuses", "format",
            "heartbeat_seconds", "enabled", "rotate_secret");
    private static final Role[] MANAGERS = {Role.ADMIN, Role.INTEGRATOR};

    private final Vertx vertx;
    private final WebhookService webhooks;
    private final Auth auth;

    WebhooksResource(Vertx vertx, WebhookService webhooks, Auth auth) {
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.auth = auth;
    }

    void mount(Router r) {
        r.post("/api/v1/webhooks").handler(this::create);
        r.get("/api/v1/webhooks").handler(ctx -> run(ctx, a -> list(webhooks.list(a)), 200));
        r.get("/api/v1/webhooks/:id").handler(ctx -> run(ctx, a -> json(webhooks.get(a, ctx.pathParam("id")), null),
                200));
        r.patch("/api/v1/webhooks/:id").handler(this::change);
        r.delete("/api/v1/webhooks/:id").handler(ctx -> run(ctx, a -> {
            webhooks.delete(a, ctx.pathParam("id"));
            return null;
        }, 204));
        r.get("/api/v1/webhooks/:id/deliveries").handler(this::deliveries);
        r.post("/api/v1/webhooks/:id/messages/:message/redeliver").handler(ctx -> run(ctx, a -> {
            webhooks.redeliver(a, ctx.pathParam("id"), ctx.pathParam("message"));
            return Json.MAPPER.createObjectNode().put("message_id", ctx.pathParam("message")).put("status", "queued");
        }, 202));
    }

    private interface Work {
        JsonNode apply(Actor actor) throws Exception;
    }

    private void run(RoutingContext ctx, Work work, int status) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> work.apply(auth.require(c, MANAGERS)), body -> {
            if (body == null) {
                ctx.response().setStatusCode(status).end();
            } else {
                Replies.json(ctx, status, body);
            }
        });
    }

    private void create(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        run(ctx, a -> {
            WebhookService.Shown s = webhooks.create(a, spec(parse(body, CREATE)), Webhook.Kind.STANDARD);
            return json(s.hook(), s.newSecret());
        }, 201);
    }

    private void change(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        String id = ctx.pathParam("id");
        run(ctx, a -> {
            WebhookService.Shown s = webhooks.change(a, id, spec(parse(body, CHANGE)));
            return json(s.hook(), s.newSecret());
        }, 200);
    }

    private void deliveries(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        long before = Queries.longParam(ctx, "before", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.longParam(ctx, "limit", 100, 1, 1000);
        run(ctx, a -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (DeliveryRecord d : webhooks.deliveries(a, id, before, limit)) {
                ObjectNode n = out.addObject();
                n.put("id", d.id());
                n.put("message_id", d.messageId());
                n.put("seq", d.seq());
                n.put("attempt", d.attempt());
                n.put("at", d.at().toString());
                n.put("status", d.status());
                n.put("latency_ms", d.latencyMs());
                n.put("outcome", d.outcome());
                n.put("error", d.error());
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("deliveries", out);
            return body;
        }, 200);
    }

    private static JsonNode list(List<Webhook> all) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        all.forEach(w -> out.add(json(w, null)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("webhooks", out);
        return body;
    }

    static ObjectNode json(Webhook w, String secret) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", w.id());
        n.put("kind", w.kind().wire());
        n.put("url", w.url());
        ArrayNode regions = n.putArray("regions");
        w.regions().forEach(regions::add);
        ArrayNode threats = n.putArray("threats");
        w.threats().stream().sorted().forEach(threats::add);
        ArrayNode statuses = n.putArray("statuses");
        w.statuses().stream().map(Status::wire).sorted().forEach(statuses::add);
        n.put("format", w.format());
        n.put("heartbeat_seconds", w.heartbeatSeconds());
        n.put("enabled", w.enabled());
        n.put("disabled_reason", w.disabledReason());
        n.put("owner", w.owner());
        n.put("created_at", w.createdAt().toString());
        n.put("updated_at", w.updatedAt().toString());
        if (secret != null) {
            n.put("secret", secret);
        }
        return n;
    }

    private static WebhookService.Spec spec(JsonNode n) {
        return new WebhookService.Spec(text(n, "url"), strings(n, "regions"),
                n.has("threats") ? new LinkedHashSet<>(strings(n, "threats")) : null,
                n.has("statuses") ? statuses(strings(n, "statuses")) : null, text(n, "format"),
                n.has("heartbeat_seconds") ? integer(n, "heartbeat_seconds") : null,
                n.has("enabled") ? bool(n, "enabled") : null, n.has("rotate_secret") && bool(n, "rotate_secret"));
    }

    private static Set<Status> statuses(List<String> given) {
        Set<Status> out = new LinkedHashSet<>();
        given.forEach(s -> out.add(Status.parse(s)));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > 2000) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be a non-empty string (at most 2000 "
                    + "characters)");
        }
        return v.textValue().trim();
    }

    private static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > 500) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be an array of strings (at most 500)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw new DomainException(Problem.INVALID_FIELD, field + " must be an array of strings");
            }
            out.add(x.textValue().trim());
        }
        return out;
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.isInt()) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be an integer");
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.isBoolean()) {
            throw new DomainException(Problem.INVALID_FIELD, field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static JsonNode parse(Buffer body, Set<String> fields) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body == null ? new byte[0] : body.getBytes());
        } catch (Exception e) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                throw new DomainException(Problem.INVALID_FIELD, "unknown field '" + f + "'; allowed: "
                        + fields.stream().sorted().toList());
            }
        });
        return n;
    }
}
