package io.tocsin.metrics;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator's dashboard reads from /metrics after a server has issued an alert and streamed it. */
@ExtendWith(ServerPerClass.class)
class MetricsExpositionTest {
    static RunningServer s;
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The families docs/metrics.md promises (histograms by their base name). */
    static final List<String> FAMILIES = List.of(
            "tocsin_http_requests_total", "tocsin_http_request_duration_seconds",
            "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_memory_allocated_bytes_total",
            "jvm_gc_live_data_size_bytes", "jvm_threads_live_threads", "jvm_threads_states_threads",
            "process_cpu_usage", "process_files_open_files", "process_uptime_seconds",
            "tocsin_alerts_active", "tocsin_approvals_pending", "tocsin_log_head_seq", "tocsin_board_seq",
            "tocsin_desk_behind", "tocsin_delivery_latency_seconds", "tocsin_events_delivered_total",
            "tocsin_subscribers", "tocsin_connections_open", "tocsin_http_connections_open");

    static Exposition scrape() {
        var res = s.get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return new Exposition(res.body());
    }

    @Test
    void afterAnIssueAndAStreamDeliveryEveryFamilyIsThereWithItsHelpAndTheDeliveryWasTimed() {
        try (SseClient sub = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            assertThat(sub.status).isEqualTo(200);
            var issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");
            assertThat(issued.statusCode()).isEqualTo(201);
            long seq = json(issued).get("seq").asLong();
            assertThat(sub.next(WAIT).id()).isEqualTo(seq);

            // The loop records its sample right after writing; the client may read the bytes a moment before.
            await().atMost(WAIT).until(() -> scrape().value("tocsin_delivery_latency_seconds_count").orElse(0) >= 1);
            Exposition m = scrape();
            Map<String, String> help = m.help();
            for (String family : FAMILIES) {
                assertThat(help).as("HELP of %s", family).containsKey(family);
                assertThat(help.get(family)).as("HELP of %s", family).isNotBlank();
                assertThat(m.types()).as("TYPE of %s", family).containsKey(family);
            }
            assertThat(m.types().get("tocsin_delivery_latency_seconds")).isEqualTo("histogram");
            assertThat(m.types().get("tocsin_http_request_duration_seconds")).isEqualTo("histogram");
            // Every sample lies within the last bucket; the whole delivery took well under the largest finite one.
            double count = m.value("tocsin_delivery_latency_seconds_count").orElseThrow();
            assertThat(m.value("tocsin_delivery_latency_seconds_bucket", "le=\"+Inf\"").orElseThrow()).isEqualTo(count);
            assertThat(m.value("tocsin_delivery_latency_seconds_bucket", "le=\"5.0\"").orElseThrow()).isEqualTo(count);

            assertThat(m.value("tocsin_subscribers", "transport=\"sse\"")).hasValue(1);
            // The stream's connection is not a plain HTTP one; the scrape's own connection is.
            assertThat(m.value("tocsin_http_connections_open").orElseThrow()).isGreaterThanOrEqualTo(1)
                    .isLessThanOrEqualTo(m.value("tocsin_connections_open").orElseThrow() - 1);
            assertThat(m.value("tocsin_desk_behind")).hasValue(0);
            assertThat(m.value("tocsin_board_seq").orElseThrow()).isGreaterThanOrEqualTo(seq);
            assertThat(m.value("tocsin_log_head_seq")).isEqualTo(m.value("tocsin_board_seq"));
        }
    }

    @Test
    void deliveryLatencyIsSampledOncePerEventLoopNotOncePerSubscriber() {
        int subscribers = 12;
        List<SseClient> subs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                subs.add(SseClient.open(s.http, s.uri("/api/v1/stream?regions=UA-46"), null));
            }
            await().atMost(WAIT).until(() -> s.server.hub().subscribers() >= subscribers);
            Exposition before = scrape();
            var issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            long seq = json(issued).get("seq").asLong();
            for (SseClient sub : subs) {
                assertThat(sub.next(WAIT).id()).isEqualTo(seq);
            }
            double delivered = before.value("tocsin_events_delivered_total").orElseThrow() + subscribers;
            await().atMost(WAIT).until(() -> scrape().value("tocsin_events_delivered_total").orElseThrow() >= delivered);
            // Each loop records right after its walk; give the last one a moment past its subscribers' bytes.
            await().atMost(WAIT).until(() -> samples(scrape()) > samples(before));
            Exposition after = scrape();
            assertThat(samples(after) - samples(before)).isBetween(1.0, (double) s.server.hub().loops())
                    .isLessThan(subscribers);
        } finally {
            subs.forEach(SseClient::close);
        }
    }

    static double samples(Exposition m) {
        return m.value("tocsin_delivery_latency_seconds_count").orElse(0);
    }

    @Test
    void everyTypeLineHasAHelpLineThatSaysSomething() {
        s.get("/api/v1/alerts/active"); // a request and its latency, so those families are there too
        Exposition m = scrape();
        Map<String, String> help = m.help();
        assertThat(m.types()).isNotEmpty();
        for (String family : m.types().keySet()) {
            assertThat(help).as("HELP of %s", family).containsKey(family);
            assertThat(help.get(family)).as("HELP of %s", family).isNotBlank();
        }
    }

    @Test
    void activeAlertsAreCountedByThreatAndStatusFromTheBoard() {
        String[] artilleryExercise = {"threat=\"artillery\"", "status=\"exercise\""};
        double before = scrape().value("tocsin_alerts_active", artilleryExercise).orElseThrow();
        var issued = s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"UA-05\"],\"threat\":\"artillery\",\"status\":\"exercise\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String id = json(issued).get("alert").get("id").asText();
        Exposition during = scrape();
        assertThat(during.value("tocsin_alerts_active", artilleryExercise)).hasValue(before + 1);
        // Series exist for every threat and status, even at zero: a dashboard's query never finds nothing.
        assertThat(during.samples("tocsin_alerts_active")).hasSize(6 * 3);
        long exercises = json(s.get("/api/v1/alerts/active?status=exercise")).get("count").asLong();
        assertThat(during.samples("tocsin_alerts_active", "status=\"exercise\"").stream()
                .mapToDouble(Double::doubleValue).sum()).isEqualTo(exercises);

        assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}").statusCode())
                .isEqualTo(200);
        assertThat(scrape().value("tocsin_alerts_active", artilleryExercise)).hasValue(before);
    }
}
