package io.tocsin.support;

import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tocsin node of a cluster in its own JVM, so a test can kill it with SIGKILL or pause it with SIGSTOP. The child
 * ({@link #main}) is the product's server with {@code --cluster}; it prints {@code READY <url> <admin token> <pid>}
 * and stops on {@code EXIT} or the end of its input.
 */
public record NodeProcess(Process process, URI url, String token, long pid) implements AutoCloseable {

    public static NodeProcess start(String db, String nats, Path key, int leaseSeconds, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(), db, nats, key.toString(),
                Integer.toString(leaseSeconds)).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                String[] f = line.split(" ");
                return new NodeProcess(p, URI.create(f[1]), f[2], Long.parseLong(f[3]));
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the node did not start: " + Files.readString(log));
    }

    public URI uri(String path) {
        return url.resolve(path);
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void signal(String name) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                signal("CONT"); // a paused node cannot read EXIT
                process.getOutputStream().write("EXIT\n".getBytes(StandardCharsets.US_ASCII));
                process.getOutputStream().flush();
            } catch (IOException | RuntimeException gone) {
                // it is going anyway
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The child: {@code <db> <nats url> <checkpoint key> <lease seconds>}. */
    public static void main(String[] args) throws IOException {
        java.util.logging.Logger.getLogger("io.netty").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("com.zaxxer.hikari").setLevel(java.util.logging.Level.WARNING);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, args[0], new ServerConfig.Limits(1000, 100_000),
                List.of(), new ServerConfig.Checkpoints(Path.of(args[2]), null, 100, false))
                .withCluster(new ServerConfig.Cluster(args[1], Duration.ofSeconds(Integer.parseInt(args[3]))))
                // The tests' webhook receivers listen on loopback, which the SSRF guard refuses by default.
                .withPush(new ServerConfig.Push(List.of("127.0.0.1/32"), null));
        TocsinServer server = new TocsinServer(config, RegionCatalog.load(), Clock.systemUTC()).start();
        String token = server.tokens().create(Role.ADMIN, List.of(), "cluster test", null).bearer();
        System.out.println("READY " + server.url() + " " + token + " " + ProcessHandle.current().pid());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
                // only EXIT is understood
            }
        } finally {
            server.stop();
        }
        System.exit(0);
    }
}
