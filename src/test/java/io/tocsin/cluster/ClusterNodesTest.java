package io.tocsin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.support.NodeProcess;
import io.tocsin.support.PostgresSchema;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes of a cluster as separate processes on one PostgreSQL log and a private NATS JetStream server started by the
 * test: every acknowledged event reaches every node's subscribers once and in order, whatever dies or pauses.
 * PostgreSQL and nats-server are required: without them these tests fail, they never skip.
 */
class ClusterNodesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Short, so the lease tests wait seconds; the default is 10 s. */
    private static final int LEASE_SECONDS = 2;
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema("tocsin_cluster");
    private ClusterHarness cluster;

    @AfterEach
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ClusterHarness cluster(int nodes) throws Exception {
        cluster = new ClusterHarness(pg.url());
        for (int i = 0; i < nodes; i++) {
            cluster.startNode(LEASE_SECONDS);
        }
        return cluster;
    }

    private static String region(int i) {
        return List.of("UA-32", "UA-46", "UA-63", "UA-12", "UA-71").get(i % 5);
    }

    @Test
    void threeNodesWithWritesOnAllDeliverEveryAcknowledgedEventOnceInOrderOnEveryNode() throws Exception {
        ClusterHarness c = cluster(3);
        List<ClusterHarness.Collected> subs = c.nodes.stream().map(n -> c.subscribe(n, null)).toList();
        List<Long> acked = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (NodeProcess n : c.nodes) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 6; i++) {
                    try {
                        acked.add(c.issue(n, region(i), "").seq());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join(DEADLINE.toMillis());
        }
        assertThat(acked).hasSize(18);
        for (ClusterHarness.Collected s : subs) {
            await().atMost(DEADLINE).until(() -> s.hasAll(acked));
            ClusterHarness.assertOnceInOrder(s.seqs);
            assertThat(s.seqs).hasSize(18);
        }
        // NATS carried them (the follower alone would also converge, but not in tens of milliseconds).
        JsonNode h = c.health(c.nodes.get(1)).get("cluster");
        assertThat(h.get("nats").asText()).isEqualTo("connected");
        String metrics = c.send(c.nodes.get(1), "GET", "/metrics", null).body();
        for (String family : List.of("tocsin_cluster_lag_events", "tocsin_cluster_gap_fills_total",
                "tocsin_cluster_lease_held", "tocsin_cluster_lease_generation", "tocsin_cluster_nats_connected",
                "tocsin_cluster_events_published_total", "tocsin_cluster_publish_failures_total")) {
            assertThat(metrics).contains("# HELP " + family + " ");
        }
        // Every event reached node 2 over NATS, its own six included (they come back and are ignored).
        assertThat(metrics).containsPattern("(?m)^tocsin_cluster_events_received_total (1[89]|[2-9][0-9])\\.0$");
    }

    @Test
    void killNineOfANodeMidBurstLosesNoAcknowledgedEventAndMovesTheLeaseAndExpiryStillHappensOnce()
            throws Exception {
        ClusterHarness c = cluster(3);
        NodeProcess holder = await().atMost(DEADLINE).until(() -> holderOf(c), h -> h != null);
        List<NodeProcess> others = c.nodes.stream().filter(n -> n != holder).toList();
        List<ClusterHarness.Collected> subs = others.stream().map(n -> c.subscribe(n, null)).toList();
        // An alert that expires after the holder's death: the next holder must end it, once.
        ClusterHarness.Acked expiring = c.issue(others.get(0), "UA-46",
                ",\"expires_at\":\"" + Instant.now().plusSeconds(8) + "\"");
        List<Long> acked = new CopyOnWriteArrayList<>(List.of(expiring.seq()));
        AtomicBoolean stop = new AtomicBoolean();
        Thread burst = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get() && i < 200; i++) {
                try {
                    acked.add(c.issue(holder, region(i), "").seq());
                } catch (Exception | AssertionError cutOff) {
                    return; // the kill cut this request off: not acknowledged, so not owed
                }
            }
        });
        await().atMost(DEADLINE).until(() -> acked.size() >= 6);
        holder.kill9();
        stop.set(true);
        burst.join(DEADLINE.toMillis());
        for (ClusterHarness.Collected s : subs) {
            await().atMost(DEADLINE).until(() -> s.hasAll(acked));
            ClusterHarness.assertOnceInOrder(s.seqs);
        }
        NodeProcess next = await().atMost(DEADLINE).until(() -> holderOf(c), h -> h != null && h != holder);
        assertThat(others).contains(next);
        await().atMost(DEADLINE).until(() -> endsOf(c, others.get(1), expiring.alertId()) == 1);
        Thread.sleep(2000); // a second expiry would be recorded within the expiry check's second
        assertThat(endsOf(c, others.get(1), expiring.alertId())).isEqualTo(1);
    }

    @Test
    void natsRestartedMidStreamLeavesNoGapOrDuplicateAndTheLogServesWhileItIsDown() throws Exception {
        ClusterHarness c = cluster(2);
        NodeProcess a = c.nodes.get(0);
        NodeProcess b = c.nodes.get(1);
        ClusterHarness.Collected onB = c.subscribe(b, null);
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acked.add(c.issue(a, region(i), "").seq());
        }
        await().atMost(DEADLINE).until(() -> onB.hasAll(acked));
        c.nats.stop();
        await().atMost(DEADLINE).until(() -> !c.health(b).get("cluster").get("nats").asText().equals("connected"));
        for (int i = 0; i < 3; i++) {
            acked.add(c.issue(a, region(i + 1), "").seq());
        }
        // NATS is down: B reads the log.
        await().atMost(DEADLINE).until(() -> onB.hasAll(acked));
        c.nats.start();
        await().atMost(DEADLINE).until(() -> c.health(b).get("cluster").get("nats").asText().equals("connected")
                && c.health(a).get("cluster").get("nats").asText().equals("connected"));
        for (int i = 0; i < 3; i++) {
            acked.add(c.issue(a, region(i + 2), "").seq());
        }
        await().atMost(DEADLINE).until(() -> onB.hasAll(acked));
        Thread.sleep(1000); // anything repeated late would show now
        ClusterHarness.assertOnceInOrder(onB.seqs);
        assertThat(onB.seqs).containsExactlyElementsOf(acked);
    }

    @Test
    void aLeaseHolderPausedForTwiceTheLeaseCatchesUpAndItsLeaseHasMovedAndIsNotHeldTwice() throws Exception {
        ClusterHarness c = cluster(2);
        NodeProcess holder = await().atMost(DEADLINE).until(() -> holderOf(c), h -> h != null);
        NodeProcess other = c.nodes.stream().filter(n -> n != holder).findFirst().orElseThrow();
        long generation = c.health(holder).get("cluster").get("lease").get("generation").asLong();
        ClusterHarness.Collected onHolder = c.subscribe(holder, null);
        List<Long> acked = new ArrayList<>(List.of(c.issue(other, "UA-32", "").seq()));
        await().atMost(DEADLINE).until(() -> onHolder.hasAll(acked));

        holder.signal("STOP");
        try {
            Thread.sleep(2L * LEASE_SECONDS * 1000);
            for (int i = 0; i < 3; i++) {
                acked.add(c.issue(other, region(i + 1), "").seq());
            }
            await().atMost(DEADLINE).until(() -> lease(c, other).get("held").asBoolean());
        } finally {
            holder.signal("CONT");
        }
        assertThat(lease(c, other).get("generation").asLong()).isGreaterThan(generation);
        await().atMost(DEADLINE).until(() -> onHolder.hasAll(acked));
        ClusterHarness.assertOnceInOrder(onHolder.seqs);
        // From its first answer after waking, the paused node does not claim the lease; the other keeps it.
        for (int i = 0; i < 5; i++) {
            assertThat(lease(c, holder).get("held").asBoolean()).isFalse();
            assertThat(lease(c, other).get("held").asBoolean()).isTrue();
            Thread.sleep(LEASE_SECONDS * 1000L / 2);
        }
    }

    @Test
    void aSubscriberMovingFromOneNodeToAnotherWithLastEventIdMissesAndRepeatsNothing() throws Exception {
        ClusterHarness c = cluster(2);
        NodeProcess a = c.nodes.get(0);
        NodeProcess b = c.nodes.get(1);
        List<Long> acked = new ArrayList<>();
        ClusterHarness.Collected onA = c.subscribe(a, null);
        for (int i = 0; i < 3; i++) {
            acked.add(c.issue(i % 2 == 0 ? a : b, region(i), "").seq());
        }
        await().atMost(DEADLINE).until(() -> onA.hasAll(acked));
        onA.close();
        long last = onA.seqs.get(onA.seqs.size() - 1);
        for (int i = 0; i < 3; i++) {
            acked.add(c.issue(i % 2 == 0 ? b : a, region(i + 3), "").seq());
        }
        ClusterHarness.Collected onB = c.subscribe(b, Long.toString(last));
        acked.add(c.issue(a, "UA-12", "").seq());
        List<Long> owed = acked.stream().filter(s -> s > last).toList();
        await().atMost(DEADLINE).until(() -> onB.hasAll(owed));
        List<Long> all = new ArrayList<>(onA.seqs);
        all.addAll(onB.seqs);
        assertThat(all).containsExactlyElementsOf(acked);
    }

    @Test
    void twoNodesRacingToEndAndToUpdateTheSameAlertRecordOneDecisionAndTellTheOtherWhy() throws Exception {
        ClusterHarness c = cluster(2);
        NodeProcess a = c.nodes.get(0);
        NodeProcess b = c.nodes.get(1);
        for (int round = 0; round < 3; round++) {
            String id = c.issue(a, "UA-32", "").alertId();
            await().atMost(DEADLINE).until(() -> c.send(b, "GET", "/api/v1/alerts/" + id, null).statusCode() == 200);
            List<HttpResponse<String>> updates = race(c, a, b, "PATCH", "/api/v1/alerts/" + id,
                    "{\"regions\":[\"UA-32\",\"UA-46\"]}", "{\"regions\":[\"UA-32\",\"UA-63\"]}");
            assertThat(updates).extracting(HttpResponse::statusCode).contains(200);
            List<HttpResponse<String>> ends = race(c, a, b, "POST", "/api/v1/alerts/" + id + "/end",
                    "{\"reason\":\"all_clear\"}", "{\"reason\":\"false_alarm\"}");
            assertThat(ends).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
            HttpResponse<String> refused = ends.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Json.MAPPER.readTree(refused.body()).get("detail").asText()).isNotBlank();
            assertThat(endsOf(c, a, id)).isEqualTo(1);
        }
    }

    @Test
    void aWebhookCreatedOnAnyNodeGetsEveryEventOnceFromTheLeaseHolderAlone() throws Exception {
        ClusterHarness c = cluster(3);
        NodeProcess holder = await().atMost(DEADLINE).until(() -> holderOf(c), h -> h != null);
        NodeProcess other = c.nodes.stream().filter(n -> n != holder).findFirst().orElseThrow();
        try (var receiver = new io.tocsin.support.WebhookReceiver()) {
            HttpResponse<String> created = c.send(other, "POST", "/api/v1/webhooks",
                    "{\"url\":\"" + receiver.url("/hook") + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            List<Long> acked = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                acked.add(c.issue(c.nodes.get(i), region(i), "").seq());
            }
            await().atMost(DEADLINE).until(() -> receiver.received().size() >= acked.size());
            Thread.sleep(3000); // a second node delivering would show now
            List<Long> delivered = new ArrayList<>();
            for (var r : receiver.received()) {
                delivered.add(Json.MAPPER.readTree(r.body()).get("seq").asLong());
            }
            assertThat(delivered).containsExactlyElementsOf(acked);
        }
    }

    @Test
    void anEventForgedOntoTheStreamWithoutTheClustersSealIsNeverDelivered() throws Exception {
        ClusterHarness c = cluster(2);
        NodeProcess b = c.nodes.get(1);
        ClusterHarness.Collected onB = c.subscribe(b, null);
        ClusterHarness.Acked real = c.issue(c.nodes.get(0), "UA-32", "");
        await().atMost(DEADLINE).until(() -> onB.hasAll(List.of(real.seq())));
        String clusterId;
        byte[] forged;
        try (var db = io.tocsin.db.Database.open(pg.url())) {
            var head = new io.tocsin.log.JdbcEventLog(db).after(0, 10).get(0);
            try (var conn = db.connection(); var st = conn.createStatement();
                 var rs = st.executeQuery("SELECT id FROM cluster_identity")) {
                rs.next();
                clusterId = rs.getString(1);
            }
            // The next seq, linking onto the head and hashing correctly: only the seal is missing.
            var wire = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                    io.tocsin.log.EventWire.encode(head));
            wire.put("seq", head.seq() + 1).put("prev_hash", head.hash()).put("hash", io.tocsin.log.ChainHash.of(
                    head.hash(), head.seq() + 1, wire.get("type").asText(), wire.get("at").asText(),
                    wire.get("alert_id").asText(), wire.get("actor").asText(), wire.get("payload").asText()));
            forged = Json.MAPPER.writeValueAsBytes(wire);
        }
        try (var nc = io.nats.client.Nats.connect(c.nats.url())) {
            String subject = "tocsin." + clusterId + ".events";
            nc.jetStream().publish(subject, forged);
            nc.jetStream().publish(io.nats.client.impl.NatsMessage.builder().subject(subject)
                    .headers(new io.nats.client.impl.Headers().put("Tocsin-Seal", "AAAA")).data(forged).build());
        }
        Thread.sleep(3000);
        assertThat(onB.seqs).containsExactly(real.seq());
        ClusterHarness.Acked next = c.issue(c.nodes.get(0), "UA-46", "");
        assertThat(next.seq()).isEqualTo(real.seq() + 1);
        await().atMost(DEADLINE).until(() -> onB.hasAll(List.of(next.seq())));
        assertThat(onB.seqs).containsExactly(real.seq(), next.seq());
        assertThat(c.send(b, "GET", "/api/v1/alerts/" + next.alertId(), null).statusCode()).isEqualTo(200);
    }

    private static List<HttpResponse<String>> race(ClusterHarness c, NodeProcess a, NodeProcess b, String method,
                                                   String path, String bodyA, String bodyB) {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> ra = CompletableFuture.supplyAsync(() -> {
            gate(go);
            return c.send(a, method, path, bodyA);
        });
        CompletableFuture<HttpResponse<String>> rb = CompletableFuture.supplyAsync(() -> {
            gate(go);
            return c.send(b, method, path, bodyB);
        });
        go.countDown();
        return List.of(ra.join(), rb.join());
    }

    private static void gate(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode lease(ClusterHarness c, NodeProcess n) {
        return c.health(n).get("cluster").get("lease");
    }

    private static NodeProcess holderOf(ClusterHarness c) {
        NodeProcess found = null;
        for (NodeProcess n : c.nodes) {
            if (n.process().isAlive() && lease(c, n).get("held").asBoolean()) {
                assertThat(found).as("two nodes hold the lease").isNull();
                found = n;
            }
        }
        return found;
    }

    /** How many alert.ended events the log holds for the alert, as node {@code n} serves its history. */
    private static long endsOf(ClusterHarness c, NodeProcess n, String id) throws Exception {
        HttpResponse<String> r = c.send(n, "GET", "/api/v1/events?after=0&limit=1000", null);
        JsonNode page = Json.MAPPER.readTree(r.body());
        JsonNode events = page.isArray() ? page : page.get("events");
        long ends = 0;
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("alert.ended") && e.get("alert").get("id").asText().equals(id)) {
                ends++;
            }
        }
        return ends;
    }
}
