package io.tocsin.domain;

/** The kinds of event in the log. Wire names look like {@code alert.issued}. */
public enum EventType {
    ISSUED("alert.issued"),
    UPDATED("alert.updated"),
    ENDED("alert.ended"),
    /** A high-impact alert held until a second operator approves it (two-person rule). */
    APPROVAL_REQUESTED("approval.requested"),
    /** A second operator approved; the alert.issued event follows in the same transaction. */
    APPROVAL_GRANTED("approval.granted"),
    /** Nobody approved in time; the alert was never issued. */
    APPROVAL_EXPIRED("approval.expired"),
    /**
     * One operator's active actual alerts have come to cover the two-person bound in pieces, each issued at once:
     * a second look is asked for, not waited for. Carries the alert that crossed the bound; changes no alert.
     */
    REVIEW_REQUESTED("review.requested"),
    /**
     * An alert of the past taken from a published dataset ({@code tocsin import history}): part of the record and of
     * the exposure statistics, never of the present. Not public, not streamed, never active: the board, every stream,
     * follower and compatibility counter skip it; only the exposure projection reads it. Its alert is already ended
     * and names its source in {@code issued_by} ({@code import:official}, {@code import:volunteer}).
     */
    HISTORY_IMPORTED("history.imported"),
    /** A night's attack report recorded by an operator (carries the report, no alert); not streamed. */
    REPORT_RECORDED("report.recorded"),
    /** A correction of a report: its new version, same id. */
    REPORT_CORRECTED("report.corrected"),
    /** An admin set (or cleared) a region's time to shelter; carries the setting. Not streamed: alerts carry it. */
    SHELTER_SET("shelter.set");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** True for the events the public sees (streams, the events page); approvals are for operators and audit. */
    public boolean isPublic() {
        return this == ISSUED || this == UPDATED || this == ENDED;
    }

    /**
     * True for the events streams carry: the public ones to everyone, review requests only to the operators and
     * admins they concern ({@link SplitDetector#isReviewerOf}).
     */
    public boolean isStreamed() {
        return isPublic() || this == REVIEW_REQUESTED;
    }

    /** True for alerts of the past imported from a dataset ({@link #HISTORY_IMPORTED}). */
    public boolean isImported() {
        return this == HISTORY_IMPORTED;
    }

    /** True for the events that carry an attack report rather than an alert. */
    public boolean isReport() {
        return this == REPORT_RECORDED || this == REPORT_CORRECTED;
    }

    public String wire() {
        return wire;
    }

    public static EventType fromWire(String wire) {
        for (EventType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type " + wire);
    }
}
