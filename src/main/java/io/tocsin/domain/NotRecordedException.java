package io.tocsin.domain;

/**
 * An append certainly did not happen: it failed before its commit was sent, or its outcome was settled afterwards
 * by reading the log. Only this failure may be answered with "nothing was recorded, retry".
 */
public final class NotRecordedException extends RuntimeException {
    public NotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
