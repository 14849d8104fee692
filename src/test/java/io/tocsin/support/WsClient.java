package io.tocsin.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client: collects each text message as JSON, and the close code and reason. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    private WebSocket ws;

    public static WsClient open(HttpClient http, URI uri) {
        WsClient c = new WsClient();
        c.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, c).join();
        return c;
    }

    /** A WebSocket opened with {@code Authorization: Bearer token} in its handshake. */
    public static WsClient openAs(HttpClient http, URI uri, String token) {
        WsClient c = new WsClient();
        c.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).buildAsync(uri, c).join();
        return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(Json.MAPPER.readTree(partial.toString()));
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    public JsonNode next(Duration timeout) {
        try {
            JsonNode n = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (n == null) {
                throw new AssertionError("no WebSocket message within " + timeout);
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
