package io.tocsin.stream;

import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SlowConsumerTest {
    static final int ALERTS = 400;
    static final String BIG_INSTRUCTION = "Негайно прямуйте до укриття. ".repeat(60);

    @Test
    void aSubscriberThatStopsReadingIsCutOffOthersKeepUpAndItResumesWithoutGapOrRepeat() throws Exception {
        try (RunningServer s = RunningServer.start(new io.tocsin.server.ServerConfig.Limits(10, 100_000));
             SseClient healthy = SseClient.open(s.http, s.uri("/api/v1/stream"), null);
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", s.server.port()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.hub().subscribers() == 2);

            List<Long> issued = new ArrayList<>();
            for (int i = 0; i < ALERTS; i++) {
                String body = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"instruction\":{\"uk\":\"" + BIG_INSTRUCTION + "\"}}";
                var r = s.post("/api/v1/alerts", s.admin, body);
                assertThat(r.statusCode()).isEqualTo(201);
                issued.add(io.tocsin.json.Json.MAPPER.readTree(r.body()).get("seq").asLong());
                // The healthy subscriber keeps receiving on time, alert by alert, whatever the stalled one does.
                assertThat(healthy.next(Duration.ofSeconds(5)).id()).isEqualTo(issued.get(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> s.server.hub().subscribers() == 1);
            assertThat(s.get("/metrics").body()).containsPattern("tocsin_slow_consumer_cutoffs_total 1\\.0");

            // The stalled client now reads what it was sent before the cut-off, ending with the reason.
            String received = readAll(stalled.getInputStream());
            assertThat(received).contains(": slow consumer");
            Matcher ids = Pattern.compile("(?m)^id: (\\d+)\\n(?:event: [^\\n]*\\n)?data: [^\\n]*\\n\\n").matcher(received);
            long lastComplete = 0;
            while (ids.find()) {
                lastComplete = Long.parseLong(ids.group(1));
            }
            assertThat(lastComplete).isLessThan(issued.get(ALERTS - 1));

            try (SseClient resumed = SseClient.open(s.http, s.uri("/api/v1/stream"), Long.toString(lastComplete))) {
                for (long seq = lastComplete + 1; seq <= issued.get(ALERTS - 1); seq++) {
                    assertThat(resumed.next(Duration.ofSeconds(5)).id()).isEqualTo(seq);
                }
                assertThat(resumed.poll(Duration.ofMillis(300))).isNull();
            }
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            buf.write(chunk, 0, n);
        }
        // Undo HTTP chunking well enough for scanning: drop the chunk-size lines.
        return buf.toString(StandardCharsets.UTF_8).replaceAll("\\r\\n[0-9a-f]+\\r\\n", "");
    }
}
