package io.tocsin.domain;

/**
 * The commit of an append was sent but its acknowledgement was lost (the connection dropped, the driver failed
 * afterwards): the events may or may not be in the log. Carries the seq and hash the first event would have, so the
 * outcome can be settled by reading the log.
 */
public final class CommitUnknownException extends RuntimeException {
    private final long firstSeq;
    private final String firstHash;

    public CommitUnknownException(long firstSeq, String firstHash, Throwable cause) {
        super("the commit of seq " + firstSeq + " was sent but not acknowledged", cause);
        this.firstSeq = firstSeq;
        this.firstHash = firstHash;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public String firstHash() {
        return firstHash;
    }
}
