package io.tocsin.domain;

/**
 * The catalogue of errors a client can see. Each has a stable code (part of the API contract: clients switch on
 * it), the HTTP status it maps to and a title. Documented in docs/errors.md.
 */
public enum Problem {
    MALFORMED_REQUEST(400, "The HTTP request is malformed"),
    MALFORMED_JSON(400, "Malformed JSON body"),
    INVALID_FIELD(400, "A field is missing or invalid"),
    INVALID_QUERY(400, "A query parameter is invalid"),
    BAD_HANDSHAKE(400, "The WebSocket opening handshake is invalid"),
    UNKNOWN_REGION(422, "Unknown region code"),
    UNKNOWN_THREAT(422, "Unknown threat"),
    INVALID_CAP(400, "The CAP message is not valid"),
    CAP_UNMAPPABLE(422, "The CAP message cannot be mapped to an alert"),
    CAP_UNKNOWN_REFERENCE(422, "The referenced CAP message is not known here"),
    INVALID_TRANSITION(409, "The alert cannot change that way"),
    UNAUTHENTICATED(401, "Missing or invalid token"),
    SESSION_EXPIRED(401, "The console session has ended; sign in again"),
    FORBIDDEN(403, "The token may not do this"),
    CROSS_ORIGIN(403, "A write with the session cookie must come from the console, with its anti-CSRF token"),
    OUT_OF_SCOPE(403, "Region outside the token's scope"),
    SELF_APPROVAL(403, "A request cannot be approved by the token that made it"),
    APPROVAL_NOT_FOUND(404, "No such pending approval"),
    CONFLICT(409, "The decision no longer holds: the record changed meanwhile"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still being processed"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used for a different request"),
    NOT_FOUND(404, "No such resource"),
    WEBHOOK_NOT_FOUND(404, "No such webhook subscription"),
    WEBHOOK_TARGET_REFUSED(422, "The webhook's target is not allowed"),
    ALERT_NOT_FOUND(404, "No such alert"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    REQUEST_TIMEOUT(408, "The request did not arrive in time"),
    BODY_TOO_LARGE(413, "Request body too large"),
    URI_TOO_LONG(414, "Request line too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    INTERNAL(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable"),
    OUTCOME_UNKNOWN(503, "The write's outcome is unknown"),
    SERVER_BUSY(503, "Too many connections");

    private final int status;
    private final String title;

    Problem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The stable code clients see, e.g. {@code unknown-region}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
