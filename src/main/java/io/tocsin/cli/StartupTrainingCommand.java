package io.tocsin.cli;

import io.tocsin.demo.Demo;
import io.tocsin.region.RegionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tocsin startup-training} (hidden): the training run behind the launcher's start-up cache. It goes through
 * what {@code serve} and {@code demo} do at start (the region catalog with its boundaries, the database, Vert.x,
 * the router, a replay) and answers a few typical requests, then stops. The JVM records which classes that loaded
 * (JDK 25+: linked, with early method profiles; JDK 21–24: an AppCDS archive) and later starts map them in instead
 * of loading them again. See the launcher ({@code tocsin}) and docs/benchmarks.md, "Start-up".
 */
@Command(name = "startup-training", hidden = true,
        description = "Start a demo server on a temporary database, make a few requests and stop (the launcher's"
                + " start-up cache training run).")
final class StartupTrainingCommand implements Callable<Integer> {
    private static final List<String> READS = List.of("/health", "/ready", "/api/v1/regions?kind=oblast",
            "/api/v1/regions/UA-32", "/api/v1/alerts/active", "/api/v1/status?lat=50.45&lon=30.52",
            "/api/v1/events?after=0&limit=10", "/", "/app.js", "/metrics", "/api/v1/regions?q=brovary",
            "/compat/alerts-in-ua/v1/iot/active_air_raid_alerts_by_oblast.json", "/compat/ukrainealarm/api/v3/alerts");

    @Option(names = "--native-dir", description = "also copy SQLite's JNI library for this machine here")
    Path nativeDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (nativeDir != null) {
            copySqliteLibrary(nativeDir);
        }
        RegionCatalog regions = RegionCatalog.load();
        try (Demo demo = Demo.start(new Demo.Options(LocalDate.parse("2022-10-10"), null, 1e6, 0, true, null), regions)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String url = demo.server().url();
            for (String path : READS) {
                http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + demo.operatorBearer())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            regions.locator().locate(50.45, 30.52);
        }
        return 0;
    }

    /**
     * sqlite-jdbc copies its JNI library out of the jar into a new temporary file at every start (a good part of
     * opening the database, some 100–250 ms); the launcher gives later starts this copy instead
     * ({@code -Dorg.sqlite.lib.path}), and sqlite-jdbc falls back to its own copy if it cannot load it.
     */
    static void copySqliteLibrary(Path dir) throws IOException {
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = StartupTrainingCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                return; // no library for this machine in the jar: sqlite-jdbc's own search then fails anyway
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "lib", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve(System.mapLibraryName("sqlitejdbc")), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
