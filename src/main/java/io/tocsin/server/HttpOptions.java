package io.tocsin.server;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/** The HTTP server's options, one place for each and why. */
final class HttpOptions {
    /**
     * HTTP/2 streams a client may have open on one connection. A subscriber needs one per stream it follows and a
     * console a few for its requests; Vert.x's default (100) is kept, since past it new streams are refused, not queued.
     */
    static final int MAX_CONCURRENT_STREAMS = 100;
    /**
     * Stream resets a client may send per {@link #RST_WINDOW_SECONDS} before its connection is closed (GOAWAY
     * ENHANCE_YOUR_CALM). A browser cancels a stream now and then; the rapid-reset attack (CVE-2023-44487) sends
     * thousands, each costing the server a request's dispatch. 100 per 30 s lets every real client through and cuts
     * a flood off after a hundred streams (Vert.x's default is 200).
     */
    static final int MAX_RST_PER_WINDOW = 100;
    static final int RST_WINDOW_SECONDS = 30;
    /** The largest header block an HTTP/2 client may send, as for HTTP/1.1 (Vert.x's 8 KiB). */
    static final int MAX_HEADER_LIST_BYTES = 8 * 1024;

    private HttpOptions() {
    }

    static HttpServerOptions of(ServerConfig config, int sendBufferBytes) {
        // For "any free port" Vert.x's negative port makes the servers share one random port.
        int port = config.port() == 0 ? -1 : config.port();
        return new HttpServerOptions().setHost(config.host()).setPort(port)
                .setCompressionSupported(false).setSendBufferSize(sendBufferBytes).setTcpNoDelay(true)
                // Timeouts are the connection guard's (header, body, idle; streams exempt), not Vert.x's one idle
                // timeout, which would also close quiet streams and connections that never sent a byte differently.
                .setIdleTimeout(0)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .setMaxHeaderListSize(MAX_HEADER_LIST_BYTES))
                .setHttp2RstFloodMaxRstFramePerWindow(MAX_RST_PER_WINDOW)
                .setHttp2RstFloodWindowDuration(RST_WINDOW_SECONDS)
                .setHttp2RstFloodWindowDurationTimeUnit(TimeUnit.SECONDS)
                // Every response is written on its connection's event loop (blocking work hands its result
                // back to the loop), so Vert.x needs no cross-thread write queue per connection (~4 KB each).
                .setStrictThreadMode(true);
    }
}
