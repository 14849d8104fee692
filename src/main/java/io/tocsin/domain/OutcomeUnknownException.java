package io.tocsin.domain;

/**
 * A write whose commit was not acknowledged, and whose outcome the log could not be read to settle: the reply must
 * say the outcome is unknown and how to find out, never "not recorded".
 */
public final class OutcomeUnknownException extends DomainException {
    public OutcomeUnknownException(long seq) {
        super(Problem.OUTCOME_UNKNOWN, "the event log stopped answering while committing; the write may or may not be"
                + " recorded as seq " + seq + ". Find out with GET /api/v1/events?after=" + (seq - 1) + "&limit=1, or retry"
                + " with the same Idempotency-Key: it returns the original reply if it was recorded and records it once"
                + " if it was not");
    }
}
