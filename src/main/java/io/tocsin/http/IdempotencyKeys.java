package io.tocsin.http;

import io.tocsin.domain.Actor;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} request header (IETF httpapi idempotency-key draft): an sf-string, quoted or, as many
 * clients send it, bare. The fingerprint covers the method, the path and the body, so the same key with another
 * request is recognised as a reuse (422), not a retry.
 */
final class IdempotencyKeys {
    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** The request's key and fingerprint, before the actor is known (the key is scoped to its token). */
    record Request(String key, String fingerprint) {
        /** The key for this actor's token, or null when the request carried none. */
        IdempotencyKey forActor(Actor actor) {
            return key == null ? null : new IdempotencyKey(actor.id(), key, fingerprint);
        }
    }

    static Request of(RoutingContext ctx) {
        String raw = ctx.request().getHeader(HEADER);
        if (raw == null) {
            return new Request(null, null);
        }
        String key = raw.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e && ch != '"')) {
            throw new DomainException(Problem.INVALID_FIELD, HEADER + " must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters (an sf-string such as \"8e03978e-40d5-43e8-bc93-6894a57f9324\")");
        }
        return new Request(key, fingerprint(ctx));
    }

    private static String fingerprint(RoutingContext ctx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((ctx.request().method().name() + " " + ctx.request().path() + "\n").getBytes(StandardCharsets.UTF_8));
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            if (body != null) {
                sha.update(body.getBytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
