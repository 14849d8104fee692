package io.tocsin.auth;

import io.tocsin.domain.Actor;
import io.tocsin.domain.Role;

import java.time.Instant;
import java.util.List;

/** A stored token: everything but the secret, of which only a SHA-256 hash is kept. */
public record Token(String id, String name, Role role, List<String> scope, Instant createdAt, Instant expiresAt,
                    Instant revokedAt) {
    public Token {
        scope = List.copyOf(scope);
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public Actor actor() {
        return new Actor(id, name, role, scope);
    }
}
