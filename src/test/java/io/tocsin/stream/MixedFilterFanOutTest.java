package io.tocsin.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.json.Json;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 subscribers (half SSE, half WebSocket) with mixed filters each receive exactly the events that match
 * them, in seq order. The expectation is computed here from the region chains, independently of the hub's index.
 */
class MixedFilterFanOutTest {
    static final int SUBSCRIBERS = 2_000;
    static final List<String> THREATS = List.of("air_raid", "artillery", "air_raid:drones", "air_raid:ballistic_missile");

    record Sub(String query, List<String> regions, String point, Set<String> threats, Object client) {
    }

    record Issued(long seq, List<String> regions, String threat, String subtype) {
    }

    @Test
    void everySubscriberGetsExactlyItsMatchingEventsInSeqOrderOverSseAndWebSocket() throws Exception {
        RegionTree tree = Regions.catalog().tree();
        List<Region> oblasts = tree.ofKind(RegionKind.OBLAST);
        List<Region> raions = tree.ofKind(RegionKind.RAION);
        List<Region> hromadas = tree.ofKind(RegionKind.HROMADA);
        double[][] points = {{50.45, 30.52}, {49.84, 24.03}, {49.99, 36.23}, {46.48, 30.72}, {48.46, 35.04}};
        Random rnd = new Random(42);
        try (RunningServer s = RunningServer.start()) {
            List<Sub> subs = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                List<String> regions = new ArrayList<>();
                String point = null;
                StringBuilder q = new StringBuilder("?x=1");
                switch (i % 5) {
                    case 0 -> regions.add(oblasts.get(rnd.nextInt(oblasts.size())).code());
                    case 1 -> regions.add(raions.get(rnd.nextInt(raions.size())).code());
                    case 2 -> regions.add(hromadas.get(rnd.nextInt(hromadas.size())).code());
                    case 3 -> {
                        double[] p = points[rnd.nextInt(points.length)];
                        point = Regions.catalog().locator().locate(p[0], p[1]).get(0).code();
                        q.append("&lat=").append(p[0]).append("&lon=").append(p[1]);
                    }
                    default -> { }
                }
                if (!regions.isEmpty()) {
                    q.append("&regions=").append(String.join(",", regions));
                }
                Set<String> threats = rnd.nextInt(3) == 0 ? Set.of(THREATS.get(rnd.nextInt(THREATS.size()))) : Set.of();
                if (!threats.isEmpty()) {
                    q.append("&threats=").append(String.join(",", threats));
                }
                Object client = i % 2 == 0
                        ? SseClient.open(s.http, s.uri("/api/v1/stream" + q), null)
                        : WsClient.open(s.http, URI.create(s.server.url().replace("http", "ws") + "/api/v1/ws" + q));
                subs.add(new Sub(q.toString(), regions, point, threats, client));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.server.hub().subscribers() == SUBSCRIBERS);

            List<Issued> issued = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Region target = switch (i % 3) {
                    case 0 -> oblasts.get(rnd.nextInt(oblasts.size()));
                    case 1 -> raions.get(rnd.nextInt(raions.size()));
                    default -> hromadas.get(rnd.nextInt(hromadas.size()));
                };
                // Also aim some alerts where the point subscribers are.
                List<Region> near = Regions.catalog().locator().locate(points[i % 5][0], points[i % 5][1]);
                String region = i % 4 == 0 ? near.get(Math.min(i % 3, near.size() - 2)).code() : target.code();
                String threat = i % 2 == 0 ? "air_raid" : "artillery";
                String subtype = i % 2 == 0 ? List.of("drones", "ballistic_missile", "unspecified").get(i % 3) : "none";
                String body = threat.equals("air_raid")
                        ? "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\",\"subtype\":\"" + subtype + "\"}"
                        : "{\"regions\":[\"" + region + "\"],\"threat\":\"artillery\"}";
                JsonNode e = Json.MAPPER.readTree(s.post("/api/v1/alerts", s.admin, body).body());
                issued.add(new Issued(e.get("seq").asLong(), List.of(region), threat, subtype));
            }

            long withEvents = 0;
            for (Sub sub : subs) {
                List<Long> expected = issued.stream().filter(ev -> matches(tree, sub, ev)).map(Issued::seq).toList();
                List<Long> got = new ArrayList<>();
                for (int k = 0; k < expected.size(); k++) {
                    got.add(sub.client() instanceof SseClient c ? c.next(Duration.ofSeconds(10)).id()
                            : ((WsClient) sub.client()).next(Duration.ofSeconds(10)).get("seq").asLong());
                }
                assertThat(got).as(sub.query()).containsExactlyElementsOf(expected);
                withEvents += expected.isEmpty() ? 0 : 1;
            }
            // Nothing more arrives for anyone once the expected events are in.
            Thread.sleep(300);
            for (Sub sub : subs) {
                Object extra = sub.client() instanceof SseClient c ? c.poll(Duration.ZERO)
                        : ((WsClient) sub.client()).poll(Duration.ZERO);
                assertThat(extra).as("unexpected extra event for " + sub.query()).isNull();
            }
            assertThat(withEvents).as("the test must exercise real deliveries").isGreaterThan(SUBSCRIBERS / 3);
            for (Sub sub : subs) {
                ((AutoCloseable) sub.client()).close();
            }
        }
    }

    /** The specification, restated: the hierarchy both ways for regions, covering only for a point. */
    static boolean matches(RegionTree tree, Sub sub, Issued ev) {
        if (!sub.threats().isEmpty() && !sub.threats().contains(ev.threat())
                && !sub.threats().contains(ev.threat() + ":" + ev.subtype())) {
            return false;
        }
        if (sub.regions().isEmpty() && sub.point() == null) {
            return true;
        }
        for (String a : ev.regions()) {
            List<String> alertChain = tree.chain(a).stream().map(Region::code).toList();
            if (sub.point() != null && tree.chain(sub.point()).stream().anyMatch(r -> r.code().equals(a))) {
                return true;
            }
            for (String r : sub.regions()) {
                if (alertChain.contains(r) || tree.chain(r).stream().anyMatch(x -> x.code().equals(a))) {
                    return true;
                }
            }
        }
        return false;
    }
}
