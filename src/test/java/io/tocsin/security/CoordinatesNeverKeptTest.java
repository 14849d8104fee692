package io.tocsin.security;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Privacy: the coordinates a person sends ({@code /api/v1/status}, "use my location" on the page, a stream's
 * {@code lat}/{@code lon}) are never logged, at any level, and never written to the database or beside it, whether
 * the point is in Ukraine, outside it or out of range.
 */
class CoordinatesNeverKeptTest {
    private static final List<String> POINTS = List.of(
            "/api/v1/status?lat=49.8412345&lon=24.0298765",
            "/api/v1/status?lat=12.3456789&lon=98.7654321",
            "/api/v1/status?lat=91.2345678&lon=24.0298765",
            "/api/v1/status?lat=49.8412345",
            "/api/v1/stream?lat=50.4412345&lon=30.5198765");
    private static final List<String> DIGITS = List.of("8412345", "0298765", "3456789", "7654321", "2345678",
            "4412345", "5198765");

    @Test
    void coordinatesAreNeitherLoggedAtAnyLevelNorStored() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        b.append(' ').append(p);
                    }
                }
                for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                    b.append(' ').append(t);
                }
                synchronized (logged) {
                    logged.add(b.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level was = root.getLevel();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Path dir = Files.createTempDirectory("tocsin-privacy");
        try (RunningServer s = RunningServer.onFile(dir.resolve("t.db"))) {
            for (String point : POINTS) {
                HttpRequest.Builder req = HttpRequest.newBuilder(s.uri(point)).timeout(Duration.ofSeconds(10)).GET();
                if (point.contains("/stream")) {
                    // Opened, then closed by the client: the subscription itself must not leave the point behind.
                    HttpResponse<java.io.InputStream> r = s.http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(r.statusCode()).isEqualTo(200);
                    r.body().close();
                } else {
                    HttpResponse<String> r = s.send(req.build());
                    assertThat(r.statusCode()).as(point).isIn(200, 400, 404);
                }
            }
            MapIssue.issueAndEnd(s);
            Thread.sleep(500);
        } finally {
            root.setLevel(was);
            root.removeHandler(capture);
        }
        assertThat(logged).as("something was logged while serving them").isNotEmpty();
        for (String line : logged) {
            for (String d : DIGITS) {
                assertThat(line).as("a log record").doesNotContain(d);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String d : DIGITS) {
                    assertThat(bytes).as(f.getFileName() + " (database, WAL, checkpoints)").doesNotContain(d);
                }
            }
        }
    }

    /** Some writes too, so the database and its WAL have been written while the points were asked about. */
    private static final class MapIssue {
        static void issueAndEnd(RunningServer s) {
            HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            assertThat(r.statusCode()).isEqualTo(201);
            String id = io.tocsin.support.Responses.json(r).get("alert").get("id").asText();
            assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}").statusCode())
                    .isEqualTo(200);
        }
    }
}
