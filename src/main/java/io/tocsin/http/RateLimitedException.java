package io.tocsin.http;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;

/** A client is over a limit; the problem response carries Retry-After. */
final class RateLimitedException extends DomainException {
    final long retryAfterSeconds;

    RateLimitedException(String detail, long retryAfterSeconds) {
        super(Problem.TOO_MANY_REQUESTS, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }
}
