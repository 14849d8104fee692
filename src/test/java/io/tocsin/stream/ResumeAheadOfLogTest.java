package io.tocsin.stream;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client resuming from a seq the log has not reached (its log was restored from an older copy and reuses seqs,
 * or the seq came from another deployment) is told so at once on every transport, never left waiting in silence.
 */
@ExtendWith(ServerPerClass.class)
class ResumeAheadOfLogTest {
    static RunningServer s;

    private long issue(String region) throws Exception {
        return json(s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\"}")).get("seq").asLong();
    }

    private long head() throws Exception {
        return json(s.get("/api/v1/alerts/active")).get("seq").asLong();
    }

    @Test
    void anSseClientAheadOfTheLogGetsAResetNamingTheHeadThenEveryNewEventFromTheHeadAndResumesNormallyAfter() throws Exception {
        issue("UA-32");
        long head = head();
        long ahead = head + 50;
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream"), Long.toString(ahead))) {
            SseClient.SseEvent reset = sub.next(Duration.ofSeconds(10));
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.id()).as("id: moves the browser's Last-Event-ID to the head").isEqualTo(head);
            assertThat(reset.data().get("head").asLong()).isEqualTo(head);
            assertThat(reset.data().get("requested").asLong()).isEqualTo(ahead);

            // The seqs the client thought it had seen are the log's next ones: it gets each of them.
            List<Long> issued = new ArrayList<>();
            for (String region : List.of("UA-05", "UA-07", "UA-09", "UA-12", "UA-14")) {
                issued.add(issue(region));
            }
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < issued.size(); i++) {
                got.add(sub.next(Duration.ofSeconds(10)).id());
            }
            assertThat(got).containsExactlyElementsOf(issued);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
        }
        // Reconnecting as a browser then does, from the last id it saw, is an ordinary resume: no reset.
        long last = head();
        try (SseClient again = SseClient.open(s.http, s.uri("/api/v1/stream"), Long.toString(last))) {
            long next = issue("UA-18");
            SseClient.SseEvent e = again.next(Duration.ofSeconds(10));
            assertThat(e.type()).isEqualTo("alert.issued");
            assertThat(e.id()).isEqualTo(next);
        }
    }

    @Test
    void anSseClientAheadOfTheLogByAfterIsResetToo() throws Exception {
        long head = head();
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?after=" + (head + 1)), null)) {
            SseClient.SseEvent reset = sub.next(Duration.ofSeconds(10));
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.id()).isEqualTo(head);
        }
    }

    @Test
    void aWebSocketClientAheadOfTheLogIsClosedWith4009NamingTheHeadAndResumesFromIt() throws Exception {
        issue("UA-32");
        long head = head();
        try (WsClient sub = WsClient.open(s.http, ws("?after=" + (head + 50)))) {
            String closed = sub.closed.get(10, TimeUnit.SECONDS);
            assertThat(closed).isEqualTo("4009 after=" + (head + 50) + " is beyond the log's head " + head
                    + ": reload, then reconnect with after=" + head);
        }
        try (WsClient again = WsClient.open(s.http, ws("?after=" + head))) {
            long next = issue("UA-51");
            assertThat(again.next(Duration.ofSeconds(10)).get("seq").asLong()).isEqualTo(next);
        }
    }

    private static URI ws(String query) {
        return URI.create(s.server.url().replace("http://", "ws://") + "/api/v1/ws" + query);
    }
}
