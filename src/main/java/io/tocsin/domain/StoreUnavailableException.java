package io.tocsin.domain;

/**
 * A store (the database behind the log, tokens, CAP links) could not be reached or answered with an error (a dropped connection, a restart): the request that
 * needed it fails with 503, never a 500. Says nothing about whether a write happened; the event log's own failures
 * say that precisely.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
