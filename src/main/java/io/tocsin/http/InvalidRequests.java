package io.tocsin.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.tocsin.domain.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/**
 * Answers the requests the HTTP decoder could not read (Vert.x hands them here instead of to the router): a
 * problem+json naming what was wrong, after which Vert.x closes the connection, since where the next request would
 * start is unknown. A client's mistake: counted, never logged as a server error.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {
    private final Counter smuggling;
    private final Counter tooLong;
    private final Counter malformed;

    public InvalidRequests(MeterRegistry metrics) {
        this.smuggling = rejected(metrics, "ambiguous_framing");
        this.tooLong = rejected(metrics, "too_long");
        this.malformed = rejected(metrics, "malformed");
    }

    private static Counter rejected(MeterRegistry metrics, String reason) {
        return Counter.builder("tocsin_requests_rejected").tags(List.of(Tag.of("reason", reason)))
                .description("Requests the HTTP decoder refused before routing (answered 400, 414 or 431, "
                        + "connection closed), by reason")
                .register(metrics);
    }

    @Override
    public void handle(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        if (cause instanceof StrictRequestDecoder.Refusal r) {
            smuggling.increment();
            Problems.send(req, Problem.MALFORMED_REQUEST, "refused: " + r.getMessage()
                    + ", which servers and proxies may read differently; the connection is closed");
        } else if (cause instanceof TooLongHttpLineException) {
            tooLong.increment();
            Problems.send(req, Problem.URI_TOO_LONG, "the request line is longer than the server reads");
        } else if (cause instanceof TooLongHttpHeaderException) {
            tooLong.increment();
            Problems.send(req, Problem.HEADERS_TOO_LARGE, "the request headers are larger than the server reads");
        } else {
            malformed.increment();
            Problems.send(req, Problem.MALFORMED_REQUEST, "the request is not valid HTTP/1.1 (RFC 9112)");
        }
    }
}
