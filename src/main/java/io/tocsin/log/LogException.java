package io.tocsin.log;

import io.tocsin.db.DatabaseUnavailableException;

/** The log could not be read (or checked): the request that needed it fails with 503. */
public class LogException extends DatabaseUnavailableException {
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
