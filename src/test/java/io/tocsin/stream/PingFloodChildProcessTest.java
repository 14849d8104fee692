package io.tocsin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.bench.fanout.TocsinUnderTest;
import io.tocsin.cli.JvmDefaults;
import io.tocsin.json.Json;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WebSocket ping flood against a real server in a child JVM (-Xmx256m), from clients that never read a byte after
 * the handshake, reconnecting as soon as they are dropped, for {@link #FLOOD}: the server's RSS stays within
 * {@link #MAX_RSS_GROWTH} of where it started, every flooding connection is closed by the server (and counted as a
 * flood close), and an alert issued in the middle of the flood is acknowledged and reaches a healthy subscriber.
 * Before back-pressure on pongs the same flood took RSS from 140 MB to 9.75 GB and then an OutOfMemoryError.
 */
class PingFloodChildProcessTest {
    static final Duration FLOOD = Duration.ofSeconds(20);
    static final long MAX_RSS_GROWTH = 200L * 1024 * 1024;
    static final int FLOODERS = 4;
    /** Each flooder reconnects at most this often: bounded load, and no exhaustion of loopback ports. */
    static final int MAX_CONNECTIONS_PER_FLOODER = 2_000;
    static final int PINGS_PER_WRITE = 32;

    @Test
    void aPingFloodFromClientsThatNeverReadIsClosedWhileMemoryStaysBoundedAndAlertsStillGoOut() throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-Dtocsin.eventLoops=2"));
        jvm.addAll(Arrays.asList(JvmDefaults.SERVER.split(" ")));
        try (TocsinUnderTest server = TocsinUnderTest.child(System.getProperty("java.class.path"), jvm)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI base = server.url();
            // Warm up the paths the flood and the alert take, so the baseline is a running server's.
            for (int i = 0; i < 5; i++) {
                assertThat(issue(http, server).statusCode()).isEqualTo(201);
            }
            try (WsClient healthy = WsClient.open(http, URI.create(base.toString().replace("http://", "ws://")
                    + "/api/v1/ws"))) {
                long before = server.stats(true).rss();
                assertThat(before).as("VmRSS of the child is readable").isPositive();

                Flood flood = new Flood(base.getPort());
                long start = System.nanoTime();
                flood.start();
                long peak = before;
                AtomicLong issueMillis = new AtomicLong(-1);
                CompletableFuture<HttpResponse<String>> alert = null;
                while (System.nanoTime() - start < FLOOD.toNanos()) {
                    Thread.sleep(500);
                    peak = Math.max(peak, server.stats(false).rss());
                    if (alert == null && System.nanoTime() - start > FLOOD.toNanos() / 4) {
                        long asked = System.nanoTime();
                        alert = CompletableFuture.supplyAsync(() -> issue(http, server))
                                .whenComplete((r, e) -> issueMillis.set((System.nanoTime() - asked) / 1_000_000));
                    }
                }
                flood.stop();
                long floodMillis = (System.nanoTime() - start) / 1_000_000;
                long after = server.stats(false).rss();
                peak = Math.max(peak, after);

                HttpResponse<String> issued = alert.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(issued.statusCode()).as("the alert issued during the flood is acknowledged").isEqualTo(201);
                long seq = Json.MAPPER.readTree(issued.body()).get("seq").asLong();
                assertThat(healthy.next(Duration.ofSeconds(60)).get("seq").asLong()).isEqualTo(seq);

                double floodClosesRate = floodCloses(http, base);
                System.out.printf("ping flood: %d ms, %d frames (%d MB) sent on %d connections, %d dropped by the server;"
                                + " RSS before %d MB, peak %d MB, after %d MB; tocsin_flood_closes_total{rate} %.0f;"
                                + " alert issued during the flood acknowledged in %d ms%n",
                        floodMillis, flood.frames.get(), flood.frames.get() * FRAME_BYTES / (1024 * 1024),
                        flood.connections.get(), flood.dropped.get(), before >> 20, peak >> 20, after >> 20,
                        floodClosesRate, issueMillis.get());
                assertThat(peak - before).as("RSS growth during the flood").isLessThan(MAX_RSS_GROWTH);
                assertThat(flood.dropped.get()).as("flooding connections closed by the server")
                        .isGreaterThanOrEqualTo(FLOODERS);
                assertThat(floodClosesRate).as("flood closes counted").isGreaterThanOrEqualTo(FLOODERS);
                assertThat(flood.errors).as("flooder failures other than being dropped").isEmpty();
            }
        }
    }

    private static HttpResponse<String> issue(HttpClient http, TocsinUnderTest server) {
        HttpRequest req = HttpRequest.newBuilder(server.url().resolve("/api/v1/alerts"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + server.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}")).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double floodCloses(HttpClient http, URI base) throws Exception {
        String text = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith("tocsin_flood_closes_total{") && line.contains("reason=\"rate\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static final int PAYLOAD = 125;
    static final int FRAME_BYTES = 2 + 4 + PAYLOAD;

    /** Masked ping frames with the largest control payload, as one buffer written again and again. */
    private static byte[] pings(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * FRAME_BYTES);
        byte[] payload = new byte[PAYLOAD];
        ThreadLocalRandom.current().nextBytes(payload);
        for (int i = 0; i < n; i++) {
            out.write(0x89);
            out.write(0x80 | PAYLOAD);
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            out.writeBytes(mask);
            for (int j = 0; j < PAYLOAD; j++) {
                out.write(payload[j] ^ mask[j % 4]);
            }
        }
        return out.toByteArray();
    }

    /** Flooders that write pings as fast as the socket takes them and never read after the 101. */
    static final class Flood {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        private final int port;
        private final List<Thread> threads = new ArrayList<>();
        private final List<AtomicReference<Socket>> sockets = new ArrayList<>();
        private volatile boolean stopping;

        Flood(int port) {
            this.port = port;
        }

        void start() {
            for (int i = 0; i < FLOODERS; i++) {
                AtomicReference<Socket> current = new AtomicReference<>();
                sockets.add(current);
                threads.add(Thread.ofPlatform().name("flooder-" + i).start(() -> run(current)));
            }
        }

        /** Stops the flood: closing each socket unblocks a write the server is no longer reading. */
        void stop() throws InterruptedException {
            stopping = true;
            for (AtomicReference<Socket> s : sockets) {
                Socket sock = s.get();
                if (sock != null) {
                    try {
                        sock.close();
                    } catch (IOException ignored) {
                        // closing to stop
                    }
                }
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
        }

        private void run(AtomicReference<Socket> current) {
            byte[] batch = pings(PINGS_PER_WRITE);
            for (int c = 0; c < MAX_CONNECTIONS_PER_FLOODER && !stopping; c++) {
                try (Socket s = new Socket()) {
                    current.set(s);
                    s.setReceiveBufferSize(4096);
                    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    String head = readHead(s.getInputStream());
                    if (!head.startsWith("HTTP/1.1 101 ")) {
                        errors.add(new AssertionError("handshake refused: " + head));
                        return;
                    }
                    connections.incrementAndGet();
                    try {
                        while (!stopping) {
                            out.write(batch);
                            frames.addAndGet(PINGS_PER_WRITE);
                        }
                    } catch (IOException droppedByServer) {
                        if (!stopping) {
                            dropped.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    if (!stopping) {
                        errors.add(e);
                        return;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("closed in the handshake: " + head);
                }
                head.write(b);
                matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
