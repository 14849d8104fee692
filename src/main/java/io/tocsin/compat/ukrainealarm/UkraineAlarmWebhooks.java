package io.tocsin.compat.ukrainealarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.compat.web.Access;
import io.tocsin.compat.web.Denial;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Board;
import io.tocsin.domain.DomainException;
import io.tocsin.json.Json;
import io.tocsin.push.webhook.Webhook;
import io.tocsin.push.webhook.WebhookService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;
import java.util.Optional;

/**
 * ukrainealarm's {@code POST/PATCH/DELETE /api/v3/webhook} (body {@code {"webHookUrl": …}}): one webhook per key,
 * on the same engine as Tocsin's own webhooks (durable cursor, retries, SSRF guard, delivery log), delivering
 * {@link WebhookEncoder}'s AlertRegionModel on every start and all-clear. POST makes it (or points it elsewhere) and
 * answers an example payload, since the generated clients parse that answer; PATCH changes the URL; DELETE removes
 * it. The key must be a token (admin or integrator): an anonymous reader has nothing to own a webhook with.
 */
public final class UkraineAlarmWebhooks {
    static final String PATH = UkraineAlarmApi.BASE + "/api/v3/webhook";
    private static final int MAX_BODY = 8 * 1024;
    private final Vertx vertx;
    private final Access access;
    private final WebhookService webhooks;
    private final WebhookEncoder encoder;
    private final Board board;

    public UkraineAlarmWebhooks(Vertx vertx, Access access, WebhookService webhooks, WebhookEncoder encoder,
                                Board board) {
        this.vertx = vertx;
        this.access = access;
        this.webhooks = webhooks;
        this.encoder = encoder;
        this.board = board;
    }

    public void mount(Router r) {
        r.route(PATH).method(HttpMethod.POST).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        r.post(PATH).handler(ctx -> handle(ctx, Op.CREATE));
        r.patch(PATH).handler(ctx -> handle(ctx, Op.CHANGE));
        r.delete(PATH).handler(ctx -> handle(ctx, Op.DELETE));
    }

    private enum Op { CREATE, CHANGE, DELETE }

    private void handle(RoutingContext ctx, Op op) {
        String type = ctx.request().getHeader("Content-Type");
        Buffer body = ctx.body().buffer();
        access.identify(ctx, Access.Scheme.RAW_HEADER, actor -> {
            if (actor == null) {
                UkraineAlarmApi.error(ctx, Denial.of(401, "a webhook belongs to a key: send Authorization: <key>"));
                return;
            }
            String url = op == Op.DELETE ? null : url(type, body);
            if (op != Op.DELETE && url == null) {
                UkraineAlarmApi.error(ctx, Denial.of(400, "send {\"webHookUrl\": \"https://…\"} as application/json"));
                return;
            }
            vertx.<byte[]>executeBlocking(() -> apply(actor, op, url), false).onComplete(ar -> {
                if (ar.succeeded()) {
                    ctx.response().setStatusCode(200);
                    if (op == Op.CREATE) {
                        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                                .end(Buffer.buffer(ar.result()));
                    } else {
                        ctx.response().end();
                    }
                } else if (ar.cause() instanceof DomainException d) {
                    int status = d.problem().status();
                    UkraineAlarmApi.error(ctx, Denial.of(status == 422 ? 400 : status, d.getMessage()));
                } else {
                    UkraineAlarmApi.error(ctx, Denial.of(503, "the webhook could not be stored now; retry shortly"));
                }
            });
        }, d -> UkraineAlarmApi.error(ctx, d));
    }

    private byte[] apply(Actor actor, Op op, String url) {
        Optional<Webhook> mine = webhooks.ukrainealarm(actor);
        switch (op) {
            case CREATE -> {
                if (mine.isPresent()) {
                    webhooks.change(actor, mine.get().id(), spec(url, true));
                } else {
                    webhooks.create(actor, spec(url, null), Webhook.Kind.UKRAINEALARM);
                }
                return encoder.example(board.snapshot());
            }
            case CHANGE -> {
                Webhook w = mine.orElseThrow(() -> new DomainException(io.tocsin.domain.Problem.WEBHOOK_NOT_FOUND,
                        "this key has no webhook; POST one first"));
                webhooks.change(actor, w.id(), spec(url, true));
                return new byte[0];
            }
            default -> {
                Webhook w = mine.orElseThrow(() -> new DomainException(io.tocsin.domain.Problem.WEBHOOK_NOT_FOUND,
                        "this key has no webhook"));
                webhooks.delete(actor, w.id());
                return new byte[0];
            }
        }
    }

    private static WebhookService.Spec spec(String url, Boolean enable) {
        return new WebhookService.Spec(url, null, null, null, null, null, enable, false);
    }

    /** The URL from a WebHookModel body, sent as application/json, text/json or application/*+json. */
    private static String url(String contentType, Buffer body) {
        String t = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!(t.equals("application/json") || t.equals("text/json") || (t.startsWith("application/")
                && t.endsWith("+json"))) || body == null || body.length() == 0) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body.getBytes());
            JsonNode u = n == null ? null : n.get("webHookUrl");
            return u != null && u.isTextual() && !u.textValue().isBlank() ? u.textValue().trim() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
