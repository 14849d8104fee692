package io.tocsin.server;

import io.tocsin.http.ConnectionCaps;
import io.tocsin.http.InvalidRequests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.List;

/** One HTTP server on its own event loop; deployed once per loop, all on the same port and router. */
final class HttpVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> router;
    private final List<HttpServer> started;
    private final ConnectionCaps caps;
    private final InvalidRequests invalid;

    HttpVerticle(HttpServerOptions options, Handler<HttpServerRequest> router, List<HttpServer> started,
                 ConnectionCaps caps, InvalidRequests invalid) {
        this.options = options;
        this.router = router;
        this.started = started;
        this.caps = caps;
        this.invalid = invalid;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).connectionHandler(this::prepare).invalidRequestHandler(invalid)
                .requestHandler(router).listen()
                .compose(server -> caps.installed() ? Future.succeededFuture(server) : arm(server))
                .onSuccess(started::add);
    }

    /** Called as Vert.x sets up a connection: the first one puts the caps on the listening socket. */
    private void prepare(HttpConnection conn) {
        if (conn instanceof ConnectionBase base) {
            caps.installOn(base.channel());
        }
    }

    /**
     * The listening socket is only reachable from a connection it accepted, so the server makes one to itself at
     * start (a health request) before it reports ready: no client's connection ever arrives uncounted.
     */
    private Future<HttpServer> arm(HttpServer server) {
        String host = options.getHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        String self = host;
        var client = vertx.createNetClient();
        return client.connect(server.actualPort(), self).compose(so -> {
            io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
            so.handler(b -> { });
            so.closeHandler(v -> closed.tryComplete());
            return so.write(Buffer.buffer("GET /health HTTP/1.1\r\nHost: " + self + "\r\nConnection: close\r\n\r\n"))
                    .compose(v -> closed.future());
        }).eventually(client::close).map(server);
    }
}
