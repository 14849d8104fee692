package io.tocsin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of the test's own, on a free loopback port with a temporary config ({@code listener PORT
 * 127.0.0.1}, {@code allow_anonymous true}, no persistence: a restart forgets every retained message), so a test
 * can stop and restart it without touching the machine's shared broker on 1883. Fails loudly when Mosquitto is not
 * installed ({@code ./tocsin test} installs it).
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Mosquitto start() {
        try {
            Path dir = Files.createTempDirectory("tocsin-mosquitto");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
                    + "allow_anonymous true\npersistence false\n");
            Mosquitto m = new Mosquitto(dir, port);
            m.restart();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it (again), on the same port, and waits until it accepts connections. */
    public void restart() {
        try {
            process = new ProcessBuilder(binary(), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + log());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 20 s: " + log());
    }

    /** Stops it (SIGTERM) and waits for it to go. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String binary() {
        for (String p : new String[]{"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("mosquitto is not installed: run ./tocsin test, or apt-get install mosquitto");
    }

    @Override
    public void close() {
        stop();
    }
}
