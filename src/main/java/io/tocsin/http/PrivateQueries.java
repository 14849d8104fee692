package io.tocsin.http;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coordinates are never logged: a person's location (from {@code /api/v1/status}, the page's "use my location",
 * a stream's {@code lat}/{@code lon}) travels in the query string, and Vert.x Web's router logs every request's
 * full URI at its finest levels. Its loggers are held at INFO whatever the root level, so turning logging up to
 * debug a server cannot write locations to its log (CoordinatesNeverKeptTest runs with the root at ALL). Tocsin's
 * own messages name the path only, never the query.
 */
final class PrivateQueries {
    /** JUL holds loggers weakly: referenced here, or the level is lost on the next GC. */
    private static final Logger VERTX_WEB = Logger.getLogger("io.vertx.ext.web");

    private PrivateQueries() {
    }

    static void keepOutOfLogs() {
        VERTX_WEB.setLevel(Level.INFO);
    }
}
