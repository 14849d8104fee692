package io.tocsin.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (the log, the token store) off the event loop and replies on it: the result goes to
 * {@code reply}, any failure becomes a problem response. Unordered: requests do not queue behind each other.
 */
final class Blocking {
    private Blocking() {
    }

    static <T> void run(Vertx vertx, RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.fail(ctx, ar.cause());
                return;
            }
            try {
                reply.accept(ar.result());
            } catch (RuntimeException e) {
                Problems.fail(ctx, e);
            }
        });
    }
}
