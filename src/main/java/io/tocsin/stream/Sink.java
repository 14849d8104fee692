package io.tocsin.stream;

/** One open stream connection, as the pipeline sees it. All methods run on the connection's event loop. */
public interface Sink {
    /** Outbound bytes a subscriber may fall behind by before it is cut off (about 200 alerts). */
    int MAX_OUTBOUND_BYTES = 256 * 1024;
    /** How long a closing connection may take to drain before it is dropped outright. */
    long CLOSE_GRACE_SECONDS = 30;

    Transport transport();

    /** Writes one event's frame: its pre-framed wire bytes where the connection allows, else its payload. */
    void write(Frame frame);

    /** True when the outbound buffer is over its bound: the subscriber is not keeping up. */
    boolean congested();

    /** Runs {@code then} once the outbound buffer has drained below its bound. */
    void onDrained(Runnable then);

    void keepAlive();

    /**
     * Ends the connection, telling the client why (SSE comment, WebSocket close code and reason). A client that
     * does not read what is still queued for it is dropped after {@link #CLOSE_GRACE_SECONDS}.
     */
    void close(Ending why, String detail);

    /**
     * The client asked to resume after {@code requested}, a seq the log has not reached (the log was restored from
     * an older copy, or the seq came from another log): the client's view is from another history, so it is told
     * the head and must reload what it shows. Returns true when the stream goes on from {@code head} (SSE: an
     * {@code event: reset} whose {@code id:} is the head), false when the connection was ended instead (WebSocket:
     * close 4009 naming the head). By default the stream is ended with that reason.
     */
    default boolean resetTo(long head, long requested) {
        close(Ending.AHEAD_OF_LOG, "after=" + requested + " is beyond the log's head " + head
                + ": reload, then reconnect with after=" + head);
        return false;
    }

    /** Runs {@code then} when the client goes away. */
    void onClose(Runnable then);
}
