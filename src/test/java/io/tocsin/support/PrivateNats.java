package io.tocsin.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server with JetStream of the test's own, on a free port of 127.0.0.1 with its storage in a temporary
 * directory (never the machine's shared one on 4222). {@link #stop} and {@link #start} again keep port and storage,
 * as a restarted broker would. nats-server must be installed: without it the test fails, it does not skip.
 */
public final class PrivateNats implements AutoCloseable {
    private final int port;
    private final Path store;
    private final Path log;
    private Process process;

    public PrivateNats(Path dir) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        store = Files.createDirectories(dir.resolve("nats-store"));
        log = dir.resolve("nats.log");
    }

    public PrivateNats start() throws Exception {
        // Debian installs it in /usr/sbin, which a non-root PATH lacks.
        String binary = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
        process = new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd",
                store.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nats-server did not listen on " + port + ": " + Files.readString(log));
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
