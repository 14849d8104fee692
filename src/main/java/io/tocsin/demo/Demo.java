package io.tocsin.demo;

import io.tocsin.auth.TokenStore;
import io.tocsin.db.Database;
import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo: a server on an embedded SQLite database (a fresh temporary file unless one is named), an operator
 * token, and a real day of the alert history replayed through it from a busy moment of that day.
 */
public final class Demo implements AutoCloseable {
    /**
     * @param from  Kyiv wall-clock time to start the replay at; null for {@link ReplayStart#busiest a busy moment}
     * @param db    the database URL; null for a fresh temporary file, removed when the demo stops
     */
    public record Options(LocalDate date, LocalTime from, double speed, int port, boolean once, String db) {
        public Options {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be positive");
            }
        }
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ReplayStart.KYIV);

    private final Options options;
    private final TocsinServer server;
    private final String dbUrl;
    private final Path tempDir;
    private final TokenStore.Created operator;
    private final List<HistoryRecord> day;
    private final Instant from;
    private final Thread replay;

    private Demo(Options options, TocsinServer server, String dbUrl, Path tempDir, TokenStore.Created operator,
                 List<HistoryRecord> day, Instant from, Thread replay) {
        this.options = options;
        this.server = server;
        this.dbUrl = dbUrl;
        this.tempDir = tempDir;
        this.operator = operator;
        this.day = day;
        this.from = from;
        this.replay = replay;
    }

    /** Starts the server and the replay (on a daemon thread); {@link #close()} stops both. */
    public static Demo start(Options options, RegionCatalog regions) {
        Path tempDir = null;
        TocsinServer server = null;
        try {
            String url = options.db();
            if (url == null) {
                tempDir = Files.createTempDirectory("tocsin-demo");
                url = "sqlite:" + tempDir.resolve("demo.db");
            }
            server = new TocsinServer(new ServerConfig("127.0.0.1", options.port(), url), regions, Clock.systemUTC())
                    .start();
            TokenStore.Created op = server.tokens().create(Role.OPERATOR, List.of("UA"), "demo operator", null);
            TokenStore.Created replayer = server.tokens().create(Role.ADMIN, List.of(), "demo history replay", null);
            List<HistoryRecord> day = new AlertHistory(regions.tree()).day(options.date(), ReplayStart.KYIV);
            Instant from = options.from() != null ? ReplayStart.at(options.date(), options.from())
                    : ReplayStart.busiest(day, ReplayStart.dayStart(options.date()));
            DayReplay pass = new DayReplay(server.desk(), replayer.token().actor(), day, from, options.speed());
            Thread replay = new Thread(() -> {
                do {
                    pass.run();
                } while (!options.once() && !Thread.currentThread().isInterrupted());
            }, "demo-replay");
            replay.setUncaughtExceptionHandler((t, e) -> { }); // a replay cut short by stop() is not an error
            replay.setDaemon(true);
            replay.start();
            return new Demo(options, server, url, tempDir, op, day, from, replay);
        } catch (IOException e) {
            deleteQuietly(tempDir);
            throw new UncheckedIOException("cannot create the demo's temporary directory", e);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            deleteQuietly(tempDir);
            throw e;
        }
    }

    public TocsinServer server() {
        return server;
    }

    /** The moment of history the replay started at. */
    public Instant from() {
        return from;
    }

    /** The operator token's bearer secret (scope: the whole country). */
    public String operatorBearer() {
        return operator.bearer();
    }

    /** The database as a user passes it to {@code --db}: a SQLite file's absolute path, or the URL without secrets. */
    public String database() {
        if (dbUrl.startsWith("jdbc:postgresql:")) {
            return dbUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
        }
        return "sqlite:" + Database.sqlitePath(dbUrl).toAbsolutePath();
    }

    /** What the demo prints once it runs: where to look, the token, and how to make more tokens for this database. */
    public String banner() {
        String u = server.url();
        long running = day.stream().filter(r -> !r.startedAt().isAfter(from) && r.finishedAt().isAfter(from)).count();
        return String.format("""
                Tocsin demo on %1$s
                  database:       %2$s%3$s
                  live page:      %1$s/
                  active alerts:  %1$s/api/v1/alerts/active
                  live stream:    curl -N %1$s/api/v1/stream
                  operator token: %4$s
                  more tokens:    ./tocsin token create --db %2$s --role operator --scope UA-32 --name "Kyiv duty officer"
                  issue an alert: curl -X POST %1$s/api/v1/alerts -H 'Authorization: Bearer %4$s' \\
                                    -H 'Content-Type: application/json' -d '{"regions":["UA-32"],"threat":"air_raid","subtype":"drones"}'
                Replaying %5$d real alerts of %6$s (Kyiv time) from %7$s, %8$d of them already running, at %9$.0fx%10$s \
                (Ctrl-C to stop; --from HH:MM picks another moment).
                """, u, database(), tempDir != null ? "  (a fresh temporary file, removed when the demo stops)" : "",
                operator.bearer(), day.size(), options.date(), HH_MM.format(from), running, options.speed(),
                options.once() ? "" : ", over and over");
    }

    @Override
    public void close() {
        replay.interrupt();
        try {
            replay.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        deleteQuietly(tempDir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the demo is stopping anyway
        }
    }
}
