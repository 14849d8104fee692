package io.tocsin.audit;

/**
 * The server will not start on this log as it is. The message says why, names the seq, and names the way on: it is
 * meant to be shown to the operator as it stands, without a stack trace.
 */
public final class StartRefusedException extends IllegalStateException {
    public StartRefusedException(String message) {
        super(message);
    }
}
