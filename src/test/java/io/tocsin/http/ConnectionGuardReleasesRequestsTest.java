package io.tocsin.http;

import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A served request is garbage once its connection is gone: the guard's body clock, armed when the headers arrive, is
 * cancelled when the response ends. Left to fire, it held every request (and its routing context and headers) for the
 * whole header timeout: a server polled tens of thousands of times a second ran out of memory.
 */
class ConnectionGuardReleasesRequestsTest {
    @Test
    void aServedRequestIsNotHeldUntilTheHeaderTimeout() throws Exception {
        // A header timeout far longer than the test waits: only a cancelled clock lets the requests go.
        try (RunningServer s = RunningServer.startWith(c -> c.withConnections(new ServerConfig.Connections(0, 64,
                Integer.MAX_VALUE, 600, 600)))) {
            List<WeakReference<Object>> served = new CopyOnWriteArrayList<>();
            s.server.router().get("/guard-probe").handler(ctx -> {
                served.add(new WeakReference<>(ctx.request()));
                ctx.response().end("ok");
            });
            for (int i = 0; i < 20; i++) {
                // One request per connection, read to the end: the server closes it after the response.
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.uri("/").getPort())) {
                    socket.getOutputStream().write(("GET /guard-probe HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    assertThat(new String(socket.getInputStream().readAllBytes())).startsWith("HTTP/1.1 200");
                }
            }
            assertThat(served).hasSize(20);
            long deadline = System.nanoTime() + 30_000_000_000L;
            List<Object> alive = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                System.gc();
                if (served.stream().allMatch(r -> r.get() == null)) {
                    break;
                }
                Thread.sleep(200);
            }
            served.forEach(r -> { if (r.get() != null) alive.add(r.get().getClass().getSimpleName()); });
            assertThat(alive).as("requests still reachable after their connections closed").isEmpty();
        }
    }
}
