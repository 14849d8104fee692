package io.tocsin.domain;

/**
 * A conditional append was refused: the log's head is no longer the one the decision was taken on (another process
 * appended meanwhile). Nothing was recorded; the caller folds what is new, decides again and retries.
 */
public final class HeadMovedException extends RuntimeException {
    private final long expected;
    private final long actual;

    public HeadMovedException(long expected, long actual) {
        super("the log's head is " + actual + ", not " + expected, null, false, false);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
