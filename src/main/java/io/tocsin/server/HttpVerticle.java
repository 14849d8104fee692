package io.tocsin.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;

/** One HTTP server on its own event loop; deployed once per loop, all on the same port and router. */
final class HttpVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> router;
    private final List<HttpServer> started;

    HttpVerticle(HttpServerOptions options, Handler<HttpServerRequest> router, List<HttpServer> started) {
        this.options = options;
        this.router = router;
        this.started = started;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(started::add);
    }
}
