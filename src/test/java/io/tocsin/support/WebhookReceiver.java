package io.tocsin.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver for webhook tests, on a loopback address and a free port. Each request is recorded, then
 * answered as {@code behaviour} decides: a status, after an optional delay (longer than Tocsin's total timeout, it is
 * a timeout), or a redirect.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** What to answer. {@code location} is for redirects. */
    public record Answer(int status, long delayMs, String location) {
        public static Answer ok() {
            return new Answer(200, 0, null);
        }

        public static Answer status(int s) {
            return new Answer(s, 0, null);
        }
    }

    /** One request as received, with how it was answered. */
    public record Received(long arrivedNanos, String path, String id, String timestamp, String signature,
                           String contentType, byte[] body, Answer answer) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> behaviour = r -> Answer.ok();

    public WebhookReceiver(String address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public WebhookReceiver() {
        this("127.0.0.1");
    }

    public WebhookReceiver answering(Function<Received, Answer> b) {
        this.behaviour = b;
        return this;
    }

    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        byte[] body = ex.getRequestBody().readAllBytes();
        var h = ex.getRequestHeaders();
        Received pending = new Received(arrived, ex.getRequestURI().toString(), h.getFirst("webhook-id"),
                h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), h.getFirst("Content-Type"), body,
                null);
        Answer a = behaviour.apply(pending);
        received.add(new Received(arrived, pending.path(), pending.id(), pending.timestamp(), pending.signature(),
                pending.contentType(), body, a));
        try {
            if (a.delayMs() > 0) {
                Thread.sleep(a.delayMs());
            }
            if (a.location() != null) {
                ex.getResponseHeaders().add("Location", a.location());
            }
            ex.sendResponseHeaders(a.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // Tocsin gave up on a slow answer and closed the connection: that is the point of a timeout.
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
