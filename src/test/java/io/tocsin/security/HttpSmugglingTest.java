package io.tocsin.security;

import io.tocsin.support.RawHttp;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9112 framing the server must refuse, each with a 4xx problem and never a 500 or a SEVERE log line. */
@ExtendWith(ServerPerClass.class)
class HttpSmugglingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    static RunningServer s;

    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
    private final Handler watcher = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void watchTheLog() {
        Logger.getLogger("").addHandler(watcher);
    }

    @AfterEach
    void nothingSevereWasLogged() {
        Logger.getLogger("").removeHandler(watcher);
        assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefusedAndTheSmuggledRequestIsNeverAnswered() throws Exception {
        // Framed one way, the same pair of requests on one connection is answered twice.
        String body = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}";
        RawHttp.Reply fine = RawHttp.exchange(s.server.port(), "POST /api/v1/alerts HTTP/1.1\r\nHost: tocsin\r\n"
                + "Authorization: Bearer " + s.admin + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body + "GET /health HTTP/1.1\r\nHost: tocsin\r\nConnection: close\r\n\r\n", WAIT);
        assertThat(fine.text()).startsWith("HTTP/1.1 201 ").contains("HTTP/1.1 200 ");

        String smuggled = "POST /api/v1/alerts HTTP/1.1\r\nHost: tocsin\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: tocsin\r\n\r\n";
        RawHttp.Reply r = RawHttp.exchange(s.server.port(), smuggled, WAIT);
        assertThat(r.text()).startsWith("HTTP/1.1 400 ").contains("application/problem+json")
                .contains("\"code\":\"malformed-request\"");
        assertThat(r.count("HTTP/1.")).as("only one response: the smuggled /health is not answered").isEqualTo(1);
        assertThat(r.closed()).as("the connection is closed").isTrue();
    }

    @Test
    void aFoldedHeaderLineIsRefusedWith400() throws Exception {
        RawHttp.Reply r = RawHttp.exchange(s.server.port(),
                "GET /api/v1/alerts/active HTTP/1.1\r\nHost: tocsin\r\nAccept: text/html,\r\n application/json\r\n\r\n", WAIT);
        assertThat(r.text()).matches("(?s)HTTP/1\\.[01] 400 .*").contains("\"code\":\"malformed-request\"")
                .contains("obs-fold");
        assertThat(r.closed()).isTrue();
    }

    @Test
    void aFoldedFirstHeaderLineIsRefusedWith400() throws Exception {
        RawHttp.Reply r = RawHttp.exchange(s.server.port(),
                "POST /api/v1/alerts HTTP/1.1\r\n X-Folded: yes\r\nHost: tocsin\r\nContent-Length: 2\r\n\r\n{}", WAIT);
        assertThat(r.text()).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/problem+json");
    }

    @Test
    void aLargeFormBodyOnAJsonEndpointIs415BeforeTheBodyIsEvenSent() throws Exception {
        try (Socket sock = RawHttp.connect(s.server.port(), "127.0.0.1")) {
            OutputStream out = sock.getOutputStream();
            // Headers promise 20 KB; only the headers and a first part are sent: the answer must not wait for the rest.
            out.write(("POST /api/v1/alerts HTTP/1.1\r\nHost: tocsin\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 20000\r\n\r\na=" + "x".repeat(9000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Reply r = RawHttp.read(sock, WAIT);
            assertThat(r.text()).startsWith("HTTP/1.1 415 ").contains("\"code\":\"unsupported-media-type\"");
            assertThat(r.closed()).as("the unread body is not waited for: the connection closes").isTrue();
        }
    }
}
