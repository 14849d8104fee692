package io.tocsin.log;

import io.tocsin.domain.StoreUnavailableException;

/** The log could not be read (or checked): the request that needed it fails with 503. */
public class LogException extends StoreUnavailableException {
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
