package io.tocsin.support;

import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A real Tocsin server on port 0 with a fresh SQLite file, plus an HTTP client and tokens for tests. */
public final class RunningServer implements AutoCloseable {
    public final TocsinServer server;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    public final String admin;

    /**
     * The default caps, but no per-address cap: tests play thousands of subscribers from one loopback address (the
     * caps themselves are tested with their own small settings, see ConnectionCapsTest).
     */
    public static final ServerConfig.Connections ONE_ADDRESS_CROWD = new ServerConfig.Connections(0,
            ServerConfig.Connections.DEFAULT.reserve(), Integer.MAX_VALUE,
            ServerConfig.Connections.DEFAULT.headerTimeoutSeconds(), ServerConfig.Connections.DEFAULT.idleTimeoutSeconds());

    /** The temporary directory this object made for the database, deleted on close; null for a given file. */
    private final Path tempDir;

    private RunningServer(TocsinServer server) {
        this(server, null);
    }

    private RunningServer(TocsinServer server, Path tempDir) {
        this.server = server;
        this.tempDir = tempDir;
        this.admin = token(Role.ADMIN, List.of(), "test admin");
    }

    /** Starts a server the test built itself (its own configuration, clock or webhook timing). */
    public static RunningServer started(TocsinServer server) {
        return new RunningServer(server.start());
    }

    public static RunningServer start() {
        return start(ServerConfig.Limits.DEFAULT);
    }

    /** A server whose two-person requests expire after {@code ttl}, for expiry tests. */
    public static RunningServer startWithApprovalTtl(java.time.Duration ttl) {
        try {
            Path dir = Files.createTempDirectory("tocsin-test");
            ServerConfig config = new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db"),
                    ServerConfig.Limits.DEFAULT, List.of()).withConnections(ONE_ADDRESS_CROWD);
            TocsinServer server = new TocsinServer(config, Regions.catalog(), Clock.systemUTC(),
                    new io.tocsin.domain.ApprovalPolicy(10, java.util.Set.of(), ttl));
            return new RunningServer(server.start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the given SQLite file: start it again on the same file to test what survives a restart. */
    public static RunningServer onFile(Path dbFile) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, "sqlite:" + dbFile, ServerConfig.Limits.DEFAULT, List.of())
                .withConnections(ONE_ADDRESS_CROWD);
        return new RunningServer(new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start());
    }

    /** A server on the given SQLite file and port (0 for any): a restart on the same port, as a browser sees it. */
    public static RunningServer onFile(Path dbFile, int port) {
        ServerConfig config = new ServerConfig("127.0.0.1", port, "sqlite:" + dbFile, ServerConfig.Limits.DEFAULT,
                List.of()).withConnections(ONE_ADDRESS_CROWD);
        return new RunningServer(new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start());
    }

    public static RunningServer start(ServerConfig.Limits limits) {
        try {
            Path dir = Files.createTempDirectory("tocsin-test");
            ServerConfig config = new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db"), limits, List.of())
                    .withConnections(ONE_ADDRESS_CROWD);
            return new RunningServer(new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose configuration the test adjusts (connection caps, trusted proxies, limits). */
    public static RunningServer startWith(java.util.function.UnaryOperator<ServerConfig> adjust) {
        try {
            Path dir = Files.createTempDirectory("tocsin-test");
            ServerConfig config = adjust.apply(new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db"))
                    .withConnections(ONE_ADDRESS_CROWD));
            return new RunningServer(new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, on a clock the test moves (expiry, CAP renewals and the feed's retention follow it). */
    public static RunningServer startWith(java.util.function.UnaryOperator<ServerConfig> adjust, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("tocsin-test");
            ServerConfig config = adjust.apply(new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db"))
                    .withConnections(ONE_ADDRESS_CROWD));
            return new RunningServer(new TocsinServer(config, Regions.catalog(), clock).start(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String token(Role role, List<String> scope, String name) {
        TokenStore.Created c = server.tokens().create(role, scope, name, null);
        return c.bearer();
    }

    public URI uri(String path) {
        return URI.create(server.url() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send(write(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(write(path, token).DELETE().build());
    }

    public HttpResponse<String> getAuth(String path, String token) {
        return send(write(path, token).GET().build());
    }

    public HttpResponse<String> patch(String path, String token, String body) {
        return send(write(path, token).method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder write(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        if (tempDir != null) {
            try (var files = Files.walk(tempDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is not a test failure
            }
        }
    }
}
