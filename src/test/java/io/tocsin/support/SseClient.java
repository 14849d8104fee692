package io.tocsin.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal SSE client for tests: parses frames into events on a background thread. */
public final class SseClient implements AutoCloseable {
    /** One received SSE event. */
    public record SseEvent(long id, String type, JsonNode data) {
        public String alertId() {
            return data.get("alert").get("id").asText();
        }
    }

    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private final InputStream body;
    private final Thread reader;
    public final int status;

    private SseClient(HttpResponse<InputStream> res) {
        this.status = res.statusCode();
        this.body = res.body();
        this.reader = Thread.ofVirtual().start(this::read);
    }

    public static SseClient open(HttpClient http, URI uri, String lastEventId) {
        return open(http, uri, lastEventId, null);
    }

    /** A stream opened with {@code Authorization: Bearer token} (an operator's or admin's view of the stream). */
    public static SseClient openAs(HttpClient http, URI uri, String token) {
        return open(http, uri, null, token);
    }

    /** Opens a stream; {@code lastEventId} and {@code token} may each be null. */
    public static SseClient open(HttpClient http, URI uri, String lastEventId, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return new SseClient(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot open " + uri, e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new SseEvent(id, type, Json.MAPPER.readTree(data.toString())));
                    }
                    id = -1;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    synchronized (comments) {
                        comments.add(line.substring(1).trim());
                    }
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the stream was closed: the test decides what that means
        }
    }

    /** The next event, or an AssertionError after the timeout. */
    public SseEvent next(Duration timeout) {
        try {
            SseEvent e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no SSE event within " + timeout);
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** The next event if one arrives within the timeout, else null. */
    public SseEvent poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<String> comments() {
        synchronized (comments) {
            return List.copyOf(comments);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing a half-read stream may fail; nothing to do
        }
        reader.interrupt();
    }
}
