package io.tocsin.domain;

import java.time.Instant;

/** A high-impact alert waiting for a second operator: the proposed alert, who asked, and until when. */
public record Pending(Alert alert, String requestedBy, Instant requestedAt, Instant expiresAt) {
}
