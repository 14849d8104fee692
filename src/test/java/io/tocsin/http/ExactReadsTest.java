package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read answers from one snapshot of the board: the list and the seq it carries belong together, so a client
 * that resumes a stream from that seq misses nothing and repeats nothing.
 */
class ExactReadsTest {
    static RunningServer s;

    @BeforeAll
    static void start() {
        // Writes as fast as the log takes them: the default limit (50 a second) would pace the race away.
        s = RunningServer.start(new ServerConfig.Limits(10, 1_000_000));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** One read of the active list: its seq and the ids it listed. */
    record Read(long seq, Set<String> ids) {
    }

    @Test
    void theActiveListAlwaysHoldsExactlyTheAlertsIssuedUpToItsSeqWhileAlertsAreBeingIssued() throws Exception {
        // Issue-seq → id of every alert issued here; with what was active before, nothing else is on this server.
        JsonNode start = json(s.get("/api/v1/alerts/active"));
        Set<String> before = new HashSet<>(start.get("alerts").findValuesAsText("id"));
        Map<Long, String> issued = new ConcurrentSkipListMap<>();
        String[] oblasts = {"UA-05", "UA-07", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26"};
        for (int i = 0; i < 300; i++) {
            issue(issued, oblasts[i % oblasts.length]);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Read> reads = new CopyOnWriteArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    JsonNode body = json(s.get("/api/v1/alerts/active"));
                    Set<String> ids = new HashSet<>(body.get("alerts").findValuesAsText("id"));
                    assertThat(body.get("count").asInt()).isEqualTo(ids.size());
                    reads.add(new Read(body.get("seq").asLong(), ids));
                }
            }));
        }
        for (int i = 0; i < 150; i++) {
            issue(issued, oblasts[i % oblasts.length]);
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join();
        }

        assertThat(reads).hasSizeGreaterThan(10);
        TreeMap<Long, String> bySeq = new TreeMap<>(issued);
        for (Read read : reads) {
            Set<String> expected = new HashSet<>(before);
            expected.addAll(bySeq.headMap(read.seq(), true).values());
            assertThat(read.ids()).as("the list at seq %d", read.seq()).isEqualTo(expected);
        }
    }

    @Test
    void aRegionsStatusAndAPointsStatusSayWhichSeqTheyReflect() {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        long seq = json(r).get("seq").asLong();
        String id = json(r).get("alert").get("id").asText();

        JsonNode region = json(s.get("/api/v1/regions/UA-46")).get("status");
        assertThat(region.get("seq").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(region.get("alerts").findValuesAsText("id")).contains(id);
        JsonNode point = json(s.get("/api/v1/status?lat=49.84&lon=24.03")); // Lviv, in UA-46
        assertThat(point.get("seq").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(point.get("alerts").findValuesAsText("id")).contains(id);
    }

    private static void issue(Map<Long, String> issued, String region) {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode e = json(r);
        issued.put(e.get("seq").asLong(), e.get("alert").get("id").asText());
    }
}
