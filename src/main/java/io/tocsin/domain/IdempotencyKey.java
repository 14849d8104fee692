package io.tocsin.domain;

/**
 * A client's {@code Idempotency-Key} for one write, scoped to the token that sent it (two clients may pick the same
 * key), with a fingerprint of the request so that a reused key with a different request is told apart from a retry.
 * Stored with the events the write appended, in the same transaction, so a retry after a restart finds it.
 */
public record IdempotencyKey(String scope, String key, String fingerprint) {
    public IdempotencyKey {
        if (scope == null || key == null || fingerprint == null) {
            throw new IllegalArgumentException("scope, key and fingerprint are required");
        }
    }

    /** The write recorded under a key: its request fingerprint and the events it appended. */
    public record Stored(String fingerprint, long firstSeq, int count) {
    }
}
