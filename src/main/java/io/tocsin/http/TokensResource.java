package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.auth.Token;
import io.tocsin.auth.TokenStore;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Token management for admins: GET/POST /api/v1/tokens and DELETE /api/v1/tokens/{id} (revoke). */
final class TokensResource {
    private static final Set<String> FIELDS = Set.of("role", "scope", "name", "expires_at");

    private final Vertx vertx;
    private final TokenStore tokens;
    private final RegionTree tree;
    private final Auth auth;

    TokensResource(Vertx vertx, TokenStore tokens, RegionTree tree, Auth auth) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.tree = tree;
        this.auth = auth;
    }

    void mount(Router r) {
        r.get("/api/v1/tokens").handler(this::list);
        r.post("/api/v1/tokens").handler(this::create);
        r.delete("/api/v1/tokens/:id").handler(this::revoke);
    }

    static ObjectNode json(Token t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("role", t.role().wire());
        ArrayNode scope = n.putArray("scope");
        t.scope().forEach(scope::add);
        n.put("created_at", t.createdAt().toString());
        n.put("expires_at", t.expiresAt() == null ? null : t.expiresAt().toString());
        n.put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
        return n;
    }

    private void list(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return tokens.list();
        }, result -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            result.forEach(t -> out.add(json(t)));
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("tokens", out);
            Replies.ok(ctx, body);
        });
    }

    private void create(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        var body = ctx.body().buffer();
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            JsonNode n = parse(body == null ? new byte[0] : body.getBytes());
            Role role = Role.parse(n.path("role").asText(null));
            List<String> scope = new ArrayList<>();
            if (n.has("scope")) {
                if (!n.get("scope").isArray()) {
                    throw new DomainException(Problem.INVALID_FIELD, "scope must be an array of region codes");
                }
                n.get("scope").forEach(x -> scope.add(tree.require(x.asText()).code()));
            }
            if (role == Role.OPERATOR && scope.isEmpty()) {
                throw new DomainException(Problem.INVALID_FIELD, "an operator token needs a scope");
            }
            String name = n.path("name").asText("");
            if (name.isBlank() || name.length() > 200) {
                throw new DomainException(Problem.INVALID_FIELD, "name is required (at most 200 characters)");
            }
            Instant expires = null;
            if (n.hasNonNull("expires_at")) {
                try {
                    expires = Instant.parse(n.get("expires_at").asText());
                } catch (DateTimeParseException e) {
                    throw new DomainException(Problem.INVALID_FIELD, "expires_at must be an ISO-8601 UTC time");
                }
            }
            return tokens.create(role, scope, name.strip(), expires);
        }, result -> {
            ObjectNode out = json(result.token());
            out.put("token", result.bearer());
            Replies.json(ctx, 201, out);
        });
    }

    private void revoke(RoutingContext ctx) {
        Auth.Credentials c = Auth.credentials(ctx);
        String id = ctx.pathParam("id");
        Blocking.run(vertx, ctx, () -> {
            auth.require(c, Role.ADMIN);
            return tokens.revoke(id);
        }, revoked -> {
            if (revoked) {
                ctx.response().setStatusCode(204).end();
            } else {
                Problems.send(ctx, Problem.NOT_FOUND, "no active token " + id);
            }
        });
    }

    private static JsonNode parse(byte[] bytes) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(bytes);
        } catch (Exception e) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new DomainException(Problem.MALFORMED_JSON, "the body must be a JSON object");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new DomainException(Problem.INVALID_FIELD, "unknown field '" + f + "'; allowed: " + FIELDS);
            }
        });
        return n;
    }
}
