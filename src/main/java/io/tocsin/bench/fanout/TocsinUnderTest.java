package io.tocsin.bench.fanout;

import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Tocsin server a run measures: started in-process, started as a child process (preferred for large N: the
 * server's sockets and memory are then its own), or an external one given by URL and token.
 */
public sealed interface TocsinUnderTest extends AutoCloseable {
    URI url();

    String token();

    /** Heap used, VmRSS (bytes; -1 when unknown) and hub subscribers; {@code gc} collects first. Null if unknown. */
    Stats stats(boolean gc);

    /** Where the server's memory figures come from, for the report. */
    String describe();

    @Override
    void close();

    record Stats(long heapUsed, long rss, long subscribers) {
    }

    /** Starts Tocsin in this JVM on a fresh SQLite file: simplest, but client and server share the process. */
    static TocsinUnderTest embedded() {
        return embedded(null);
    }

    /** Starts Tocsin in this JVM on {@code db} (null: a fresh SQLite file in a temporary directory). */
    static TocsinUnderTest embedded(String db) {
        try {
            Path dir = db != null ? null : Files.createTempDirectory("tocsin-fanout");
            String url = db != null ? db : "sqlite:" + dir.resolve("bench.db");
            TocsinServer s = new TocsinServer(new ServerConfig("127.0.0.1", 0, url, ChildServer.BENCH_LIMITS, java.util.List.of()).withConnections(ChildServer.BENCH_CONNECTIONS),
                    RegionCatalog.load(), Clock.systemUTC()).start();
            return new Embedded(s, s.tokens().create(Role.ADMIN, List.of(), "fan-out benchmark", null).bearer(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Tocsin as a child JVM ({@link ChildServer}) on a fresh SQLite file.
     *
     * @param classpath the class path holding Tocsin and its dependencies (the shaded jar, or classes + jars)
     * @param jvmArgs   options for the child JVM, e.g. -Xmx2g
     */
    static TocsinUnderTest child(String classpath, List<String> jvmArgs) {
        return child(classpath, jvmArgs, null);
    }

    /** As {@link #child(String, List)}, on database {@code db} (null: a fresh SQLite file). */
    static TocsinUnderTest child(String classpath, List<String> jvmArgs, String db) {
        try {
            Path dir = Files.createTempDirectory("tocsin-fanout");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmArgs);
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classpath, ChildServer.class.getName(),
                    db != null ? db : "sqlite:" + dir.resolve("bench.db")));
            Path log = dir.resolve("server.log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            StringBuilder before = new StringBuilder();
            while (line != null && !line.startsWith("READY ")) { // JVM options such as JFR may print first
                before.append(line).append('\n');
                line = out.readLine();
            }
            if (line == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the Tocsin child did not start:\n" + before + "see " + log + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : ""));
            }
            String[] f = line.split(" ");
            return new Child(p, out, new PrintWriter(new OutputStreamWriter(p.getOutputStream(),
                    StandardCharsets.UTF_8), true), URI.create(f[1]), f[2], dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server someone else runs; no memory figures. */
    static TocsinUnderTest external(URI url, String token) {
        return new External(url, token);
    }

    /** @param dir the temporary directory of its database, deleted on close (null when the caller named one) */
    record Embedded(TocsinServer server, String token, Path dir) implements TocsinUnderTest {
        @Override
        public URI url() {
            return URI.create(server.url());
        }

        @Override
        public Stats stats(boolean gc) {
            long[] s = ChildServer.stats(gc, server.hub().subscribers());
            return new Stats(s[0], s[1], s[2]);
        }

        @Override
        public String describe() {
            return "in-process (heap and RSS include the load client)";
        }

        @Override
        public void close() {
            server.stop();
            deleteQuietly(dir);
        }
    }

    record External(URI url, String token) implements TocsinUnderTest {
        @Override
        public Stats stats(boolean gc) {
            return null;
        }

        @Override
        public String describe() {
            return "external at " + url;
        }

        @Override
        public void close() {
        }
    }

    final class Child implements TocsinUnderTest {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final URI url;
        private final String token;
        private final Path dir;
        private final Path log;

        Child(Process process, BufferedReader out, PrintWriter in, URI url, String token, Path dir) {
            this.process = process;
            this.out = out;
            this.in = in;
            this.url = url;
            this.token = token;
            this.dir = dir;
            this.log = dir.resolve("server.log");
        }

        @Override
        public URI url() {
            return url;
        }

        @Override
        public String token() {
            return token;
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public synchronized Stats stats(boolean gc) {
            in.println(gc ? "STATS GC" : "STATS");
            try {
                String line = out.readLine();
                if (line == null || !line.startsWith("STATS ")) {
                    return null;
                }
                String[] f = line.split(" ");
                return new Stats(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String describe() {
            return "child process pid " + process.pid() + " (log " + log + ")";
        }

        @Override
        public void close() {
            in.println("EXIT");
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            try {
                String logText = Files.exists(log) ? Files.readString(log) : "";
                if (logText.contains("SEVERE") || logText.contains("WARNING") || logText.contains("Exception")) {
                    System.err.println("the Tocsin child logged problems (" + log + "); kept for reading");
                    return;
                }
            } catch (IOException ignored) {
                // delete anyway
            }
            deleteQuietly(dir);
        }
    }

    /** Removes a temporary directory and what is in it; best effort. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
