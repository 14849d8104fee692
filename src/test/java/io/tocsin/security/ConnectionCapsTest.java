package io.tocsin.security;

import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RawHttp;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection caps, with caps small enough for a test (client and server share this process's descriptors): past
 * them connections are refused or closed, while health checks and an operator's write are still served.
 */
@Timeout(120)
class ConnectionCapsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALERT = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}";

    private static RunningServer server(int max, int reserve, int perAddress) {
        return RunningServer.startWith(c -> c.withConnections(new ServerConfig.Connections(max, reserve, perAddress, 60, 60)));
    }

    @Test
    void connectionsPastThePerAddressCapAreClosedWhileOtherAddressesAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (RunningServer s = server(100, 4, 6)) {
            for (int i = 0; i < 6; i++) {
                held.add(RawHttp.connect(s.server.port(), "127.0.0.2"));
            }
            try (Socket extra = RawHttp.connect(s.server.port(), "127.0.0.2")) {
                RawHttp.Reply r = RawHttp.read(extra, WAIT);
                assertThat(r.closed()).as("the 7th connection from one address is closed").isTrue();
                assertThat(r.text()).isEmpty();
            }
            // The held ones still work, and other addresses are not affected.
            held.get(0).getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes());
            assertThat(RawHttp.read(held.get(0), WAIT).text()).startsWith("HTTP/1.1 200 ");
            assertThat(from("127.0.0.3").send(HttpRequest.newBuilder(s.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(s.get("/metrics").body()).contains("tocsin_connections_refused_total{reason=\"per_address\"} 1.0");
        } finally {
            closeAll(held);
        }
    }

    @Test
    void pastTheTotalCapOnlyHealthAndTokenRequestsAreServedAndPastTheReserveConnectionsAreClosed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (RunningServer s = server(12, 3, 6)) {
            String operator = s.token(Role.OPERATOR, List.of("UA-32"), "duty officer");
            for (int i = 0; i < 12; i++) {
                held.add(RawHttp.connect(s.server.port(), "127.0.0." + (4 + i / 6)));
            }
            await().atMost(WAIT).until(() -> metric(s, "tocsin_connections_open") >= 13);

            // In the reserve: a public read is refused with a problem, health and an operator's write are served.
            RawHttp.Reply busy = RawHttp.exchange(s.server.port(),
                    "GET /api/v1/alerts/active HTTP/1.1\r\nHost: t\r\n\r\n", WAIT);
            assertThat(busy.text()).startsWith("HTTP/1.1 503 ").contains("\"code\":\"server-busy\"");
            assertThat(busy.closed()).isTrue();
            HttpClient client = from("127.0.0.7");
            assertThat(client.send(HttpRequest.newBuilder(s.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> write = client.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ALERT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).as(write.body()).isEqualTo(201);

            // Fill the reserve too: the next connection is closed as soon as it is accepted.
            await().atMost(WAIT).until(() -> metric(s, "tocsin_connections_open") == 13);
            for (int i = 0; i < 3; i++) {
                held.add(RawHttp.connect(s.server.port(), "127.0.0.8"));
            }
            // Each event loop accepts from its own queue: wait (in process; a request would need a connection) until
            // all 15 are counted, so the next one is certainly the 16th.
            await().atMost(WAIT).until(() -> s.server.meterRegistry().get("tocsin_connections_open").gauge().value() == 15);
            try (Socket extra = RawHttp.connect(s.server.port(), "127.0.0.9")) {
                extra.getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
                RawHttp.Reply r = RawHttp.read(extra, WAIT);
                assertThat(r.closed()).isTrue();
                assertThat(r.text()).isEmpty();
            }
            closeAll(held);
            // Room again once the crowd is gone.
            await().atMost(WAIT).until(() -> metric(s, "tocsin_connections_open") == 1);
            assertThat(s.get("/api/v1/alerts/active").statusCode()).isEqualTo(200);
            assertThat(s.get("/metrics").body()).contains("tocsin_connections_refused_total{reason=\"total\"} 1.0")
                    .contains("tocsin_connections_refused_total{reason=\"reserve_only\"} 1.0");
        } finally {
            closeAll(held);
        }
    }

    @Test
    void aClientSendingItsHeadersSlowlyIsAnswered408AndClosed() throws Exception {
        try (RunningServer s = RunningServer.startWith(c -> c.withConnections(new ServerConfig.Connections(100, 4, 50, 1, 30)));
             Socket slow = RawHttp.connect(s.server.port(), "127.0.0.1")) {
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes());
            RawHttp.Reply r = RawHttp.read(slow, WAIT);
            assertThat(r.text()).startsWith("HTTP/1.1 408 ").contains("\"code\":\"request-timeout\"");
            assertThat(r.closed()).isTrue();
            assertThat(s.get("/metrics").body()).contains("tocsin_connections_closed_total{reason=\"header_timeout\"} 1.0");
        }
    }

    @Test
    void idleConnectionsAreClosedWhileAStreamOnTheSameServerStaysOpen() throws Exception {
        try (RunningServer s = RunningServer.startWith(c -> c.withConnections(new ServerConfig.Connections(100, 4, 50, 5, 1)));
             Socket silent = RawHttp.connect(s.server.port(), "127.0.0.1");
             Socket keptAlive = RawHttp.connect(s.server.port(), "127.0.0.1");
             Socket stream = RawHttp.connect(s.server.port(), "127.0.0.1")) {
            keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
            stream.getOutputStream().write("GET /api/v1/stream?regions=UA-32 HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
            assertThat(RawHttp.read(silent, WAIT).closed()).as("a connection that never sends is closed").isTrue();
            RawHttp.Reply after = RawHttp.read(keptAlive, WAIT);
            assertThat(after.text()).startsWith("HTTP/1.1 200 ");
            assertThat(after.closed()).as("a kept-alive connection is closed once idle").isTrue();

            // Well past the idle timeout, the stream still delivers.
            Thread.sleep(2500);
            assertThat(s.post("/api/v1/alerts", s.admin, ALERT).statusCode()).isEqualTo(201);
            RawHttp.Reply streamed = RawHttp.read(stream, Duration.ofSeconds(3));
            assertThat(streamed.closed()).isFalse();
            assertThat(streamed.text()).contains("event: alert.issued");
        }
    }

    private static HttpClient from(String address) throws IOException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .localAddress(InetAddress.getByName(address)).build();
    }

    /**
     * A gauge read over a connection of its own, which it therefore counts too; with a token, so that it is served
     * from the reserve as well, and closed after.
     */
    private static double metric(RunningServer s, String name) {
        try {
            String text = RawHttp.exchange(s.server.port(), "GET /metrics HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                    + s.admin + "\r\nConnection: close\r\n\r\n", WAIT).text();
            return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket x : sockets) {
            try {
                x.close();
            } catch (IOException ignored) {
                // closing a test socket that is already gone
            }
        }
        sockets.clear();
    }
}
