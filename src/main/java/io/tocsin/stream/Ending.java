package io.tocsin.stream;

/** Why the server ends a stream; each transport says it its own way (SSE comment, WebSocket close code). */
public enum Ending {
    /** The subscriber fell more than the outbound bound behind; it resumes by seq. */
    SLOW_CONSUMER,
    /** The server is stopping; the client reconnects (to this node when it is back, or another) and resumes. */
    SHUTDOWN,
    /** The server could not serve the stream (e.g. the log could not be read for a replay). */
    SERVER_ERROR,
    /** The client's resume point is beyond the log's head: it reloads and resumes from the head. */
    AHEAD_OF_LOG
}
