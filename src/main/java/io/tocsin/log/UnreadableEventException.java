package io.tocsin.log;

/**
 * A stored event that cannot be decoded (a payload that is not the alert JSON, an event type this version does not
 * know, a malformed time): named by its seq, so the audit and the start-up check can report it instead of failing.
 */
public final class UnreadableEventException extends LogException {
    private final long seq;

    public UnreadableEventException(long seq, String detail, Throwable cause) {
        super("event " + seq + " cannot be read: " + detail, cause);
        this.seq = seq;
    }

    public long seq() {
        return seq;
    }
}
