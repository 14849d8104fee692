package io.tocsin.cli;

import io.tocsin.auth.TokenStore;
import io.tocsin.demo.AlertHistory;
import io.tocsin.demo.DayReplay;
import io.tocsin.demo.HistoryRecord;
import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tocsin demo}: a server on a fresh embedded SQLite database, an operator token, and a real day of the
 * alert history replayed through it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server on a fresh SQLite database and replay a real day of alerts.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--date", defaultValue = "2022-10-10", description = "the day to replay (UTC), 2022-03-15..2024-04-22")
    LocalDate date;

    @Option(names = "--speed", defaultValue = "60", description = "replay speed; 60 = an hour per minute")
    double speed;

    @Option(names = "--port", defaultValue = "${env:TOCSIN_PORT:-8080}", description = "port; 0 = any free")
    int port;

    @Option(names = "--once", description = "stop after one pass over the day (default: replay it again and again)")
    boolean once;

    @Option(names = "--db", description = "keep the demo in this database (default: a fresh temporary file)")
    String db;

    @Override
    public Integer call() throws IOException {
        if (speed <= 0) {
            System.err.println("--speed must be positive");
            return 2;
        }
        String url = db != null ? db : "sqlite:" + Files.createTempDirectory("tocsin-demo").resolve("demo.db");
        RegionCatalog regions = RegionCatalog.load();
        TocsinServer server = new TocsinServer(new ServerConfig("127.0.0.1", port, url), regions, Clock.systemUTC())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tocsin-shutdown"));
        TokenStore.Created op = server.tokens().create(Role.OPERATOR, List.of("UA"), "demo operator", null);
        TokenStore.Created replayer = server.tokens().create(Role.ADMIN, List.of(), "demo history replay", null);
        List<HistoryRecord> day = new AlertHistory(regions.tree()).day(date);
        System.out.printf("""
                Tocsin demo on %s  (database %s)
                  live page:      %s/
                  active alerts:  %s/api/v1/alerts/active
                  live stream:    curl -N %s/api/v1/stream
                  operator token: %s
                  issue an alert: curl -X POST %s/api/v1/alerts -H 'Authorization: Bearer %s' \\
                                    -H 'Content-Type: application/json' -d '{"regions":["UA-32"],"threat":"air_raid","subtype":"drones"}'
                Replaying %d real alerts of %s at %.0fx%s (Ctrl-C to stop).
                """, server.url(), url, server.url(), server.url(), server.url(), op.bearer(), server.url(),
                op.bearer(), day.size(), date, speed, once ? "" : ", over and over");
        System.out.flush();
        DayReplay pass = new DayReplay(server.desk(), replayer.token().actor(), date, day, speed);
        Thread replay = new Thread(() -> {
            do {
                pass.run();
            } while (!once && !Thread.currentThread().isInterrupted());
        }, "demo-replay");
        replay.setDaemon(true);
        replay.start();
        ServeCommandState.markRunning();
        return 0;
    }
}
