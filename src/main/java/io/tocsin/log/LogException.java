package io.tocsin.log;

/** The log could not be read or written; the request that needed it fails with 503 and nothing is acknowledged. */
public class LogException extends RuntimeException {
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
