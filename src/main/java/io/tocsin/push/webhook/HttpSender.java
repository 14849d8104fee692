package io.tocsin.push.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * POSTs one signed message to one target: the name resolved and checked by the {@link TargetGuard} right before
 * connecting (in a virtual thread: DNS blocks), the connection made to exactly the checked address (the Host header
 * and TLS name stay the URL's), a connect timeout and a total timeout, no redirect followed. Any 2xx is delivered.
 */
public final class HttpSender implements AutoCloseable {
    /** Connections kept to one target: bounds what a slow receiver can hold, and what a burst opens. */
    public static final int PER_TARGET = 32;

    /** How one attempt ended. {@code status} is null when no response came. */
    public record Result(Integer status, long latencyMs, String outcome, String error) {
        public boolean delivered() {
            return "delivered".equals(outcome);
        }
    }

    private final Vertx vertx;
    private final TargetGuard guard;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final HttpClientAgent client;
    /**
     * The event loop every request runs on. A request made from a plain thread has no context, and its response can
     * end before a callback composed on it runs ({@code end()} then throws); on one context the callbacks run in
     * order as the bytes arrive.
     */
    private final io.vertx.core.Context loop;
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();

    public HttpSender(Vertx vertx, TargetGuard guard, Duration connectTimeout, Duration totalTimeout) {
        this.vertx = vertx;
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
                .setForceSni(true).setConnectTimeout((int) connectTimeout.toMillis()).setMaxRedirects(0),
                new PoolOptions().setHttp1MaxSize(PER_TARGET));
        this.loop = vertx.getOrCreateContext();
    }

    public TargetGuard guard() {
        return guard;
    }

    /** Sends; {@code done} is called exactly once, on some other thread. */
    public void send(TargetGuard.Target t, String id, long timestamp, String signature, String contentType,
                     byte[] body, Consumer<Result> done) {
        long start = System.nanoTime();
        AtomicBoolean finished = new AtomicBoolean();
        Consumer<Result> once = r -> {
            if (finished.compareAndSet(false, true)) {
                done.accept(r);
            }
        };
        resolver.execute(() -> {
            InetAddress address;
            try {
                address = guard.resolve(t);
            } catch (TargetGuard.Refused refused) {
                once.accept(new Result(null, millis(start), "refused", refused.getMessage()));
                return;
            }
            loop.runOnContext(v -> post(t, address, id, timestamp, signature, contentType, body, start, once));
        });
    }

    private void post(TargetGuard.Target t, InetAddress address, String id, long timestamp, String signature,
                      String contentType, byte[] body, long start, Consumer<Result> once) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(t.port(), address.getHostAddress()))
                .setHost(t.host()).setPort(t.port()).setSsl(t.tls()).setURI(t.pathAndQuery())
                .setFollowRedirects(false).setConnectTimeout(connectTimeout.toMillis())
                // The total timeout below ends the attempt; the idle timeout is only a backstop behind it.
                .setIdleTimeout(totalTimeout.toMillis() + 1000);
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(totalTimeout.toMillis(), x -> {
            // Said first: the reset fails the request at once, and that failure must not be the one reported.
            once.accept(new Result(null, millis(start), "failed", "no response within " + totalTimeout.toMillis()
                    + " ms"));
            HttpClientRequest r = request.get();
            if (r != null) {
                r.reset();
            }
        });
        client.request(options).compose(req -> {
            request.set(req);
            req.putHeader("Content-Type", contentType).putHeader("User-Agent", "Tocsin-Webhooks/1")
                    .putHeader("webhook-id", id).putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", signature);
            return req.send(Buffer.buffer(body));
        }).compose(resp -> resp.end().map(v -> resp.statusCode())).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.failed()) {
                String why = ar.cause().getMessage() == null ? ar.cause().getClass().getSimpleName()
                        : ar.cause().getMessage();
                once.accept(new Result(null, millis(start), "failed", why));
                return;
            }
            int status = ar.result();
            if (status >= 200 && status < 300) {
                once.accept(new Result(status, millis(start), "delivered", null));
            } else if (status == 410) {
                once.accept(new Result(status, millis(start), "gone", "the receiver answered 410 Gone"));
            } else {
                once.accept(new Result(status, millis(start), "failed", status >= 300 && status < 400
                        ? "the receiver answered a redirect (" + status + "), which is not followed"
                        : "the receiver answered " + status));
            }
        });
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        resolver.shutdownNow();
        client.close();
    }
}
