package io.tocsin.http;

import static io.tocsin.support.Responses.json;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ServerPerClass.class)
class StreamResumeApiTest {
    static RunningServer s;

    private String issue(String region) throws Exception {
        return json(s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\"}")).get("alert").get("id").asText();
    }

    @Test
    void aReconnectingSubscriberGetsExactlyWhatItMissedInOrderThenLiveEvents() throws Exception {
        long lastSeen;
        try (SseClient first = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            issue("UA-32");
            lastSeen = first.next(Duration.ofSeconds(5)).id();
        }
        List<String> missed = new ArrayList<>();
        for (String region : List.of("UA-05", "UA-07", "UA-09")) {
            missed.add(issue(region));
        }
        try (SseClient again = SseClient.open(s.http, s.uri("/api/v1/stream"), Long.toString(lastSeen))) {
            List<SseClient.SseEvent> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(again.next(Duration.ofSeconds(5)));
            }
            assertThat(got).extracting(SseClient.SseEvent::alertId).containsExactlyElementsOf(missed);
            assertThat(got).extracting(SseClient.SseEvent::id).containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
            String live = issue("UA-12");
            SseClient.SseEvent next = again.next(Duration.ofSeconds(5));
            assertThat(next.alertId()).isEqualTo(live);
            assertThat(next.id()).isEqualTo(lastSeen + 4);
            assertThat(again.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void resumingWithAfterWhileAlertsFlyNeitherSkipsNorRepeats() throws Exception {
        long start = json(s.get("/api/v1/alerts/active")).get("seq").asLong();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 40; i++) {
                try {
                    issue(i % 2 == 0 ? "UA-14" : "UA-18");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Thread.sleep(20);
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream?after=" + start), null)) {
            writer.join();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                seqs.add(sub.next(Duration.ofSeconds(5)).id());
            }
            List<Long> expected = new ArrayList<>();
            for (long q = start + 1; q <= start + 40; q++) {
                expected.add(q);
            }
            assertThat(seqs).containsExactlyElementsOf(expected);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
        }
    }
}
