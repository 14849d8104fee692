package io.tocsin.stream;

/** One open stream connection, as the pipeline sees it. All methods run on the connection's event loop. */
public interface Sink {
    Transport transport();

    /** Writes one event's frame: its pre-framed wire bytes where the connection allows, else its payload. */
    void write(Frame frame);

    /** True when the outbound buffer is over its bound: the subscriber is not keeping up. */
    boolean congested();

    /** Runs {@code then} once the outbound buffer has drained below its bound. */
    void onDrained(Runnable then);

    void keepAlive();

    /** Ends the connection, telling the client why (SSE comment or WebSocket close reason). */
    void close(String reason);

    /** Runs {@code then} when the client goes away. */
    void onClose(Runnable then);
}
