package io.tocsin.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.audit.Checkpoint;
import io.tocsin.audit.CheckpointFile;
import io.tocsin.audit.CheckpointKey;
import io.tocsin.audit.StartRefusedException;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.log.ChainHash;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The server's start-up audit and its checkpoints, on a real server over a real SQLite file (and PostgreSQL where
 * the key must be named): it refuses a log that lost its tail or holds an unreadable event, naming the seq and the
 * override; the override starts it and says so; the checkpoint endpoint serves what a monitor can verify alone.
 */
class TamperedLogStartTest {
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** JUL keeps loggers weakly: held here so the capturing handler stays attached. */
    static final Logger AUDIT_LOG = Logger.getLogger("io.tocsin.audit");
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;
    Path dbFile;

    @BeforeEach
    void captureTheAuditLog() {
        dbFile = dir.resolve("t.db");
        AUDIT_LOG.addHandler(capture);
    }

    @AfterEach
    void release() {
        AUDIT_LOG.removeHandler(capture);
    }

    @Test
    void aTruncatedTailStopsTheStartNamingTheSeqAndTheOverrideWhichThenStartsItLoudly() throws Exception {
        try (TocsinServer s = start(ServerConfig.Checkpoints.DEFAULT)) {
            issue(s, 5);
        } // the shutdown checkpoint names seq 5
        assertThat(Files.readAllLines(dbFile.resolveSibling("t.db.checkpoints")).getLast()).contains("\"seq\":5,");

        sqlite("DELETE FROM events WHERE seq >= 4");

        assertThatThrownBy(() -> start(ServerConfig.Checkpoints.DEFAULT))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("broken at seq 4")
                .hasMessageContaining("ends at seq 3")
                .hasMessageContaining("--accept-broken-chain");

        try (TocsinServer s = start(new ServerConfig.Checkpoints(null, null, 100, true))) {
            assertThat(s.desk().board().lastSeq()).isEqualTo(3);
            assertThat(logged).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(r.getMessage()).contains("--accept-broken-chain").contains("broken at seq 4")
                        .contains("kept as evidence in");
            });
            issue(s, 2);
        }
        // The accepted break is not a refusal forever (as after restoring a backup): the log as it now is was signed
        // afresh, and the failed checkpoints were kept aside.
        try (TocsinServer s = start(ServerConfig.Checkpoints.DEFAULT)) {
            assertThat(s.desk().board().lastSeq()).isEqualTo(5);
        }
        try (var kept = Files.list(dir)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("t.db.checkpoints.superseded-"));
        }
    }

    /**
     * An event this version cannot read, in a log that is otherwise in order (its checkpoint signed over it, as
     * after a newer version wrote it): refused by seq, not a crash; the override serves the rest.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"payload", "type"})
    void anUnreadableEventStopsTheStartByItsSeqAndTheOverrideSkipsIt(String column) throws Exception {
        List<String> ids;
        try (TocsinServer s = start(ServerConfig.Checkpoints.DEFAULT)) {
            ids = issue(s, 3);
        }
        rewriteSqlite(2, column, column.equals("payload") ? "{\"id\": broken" : "alert.teleported");
        signTheHeadAsTheServerWould();

        assertThatThrownBy(() -> start(ServerConfig.Checkpoints.DEFAULT))
                .isInstanceOf(StartRefusedException.class)
                .hasMessageContaining("broken at seq 2")
                .hasMessageContaining("event 2 cannot be read")
                .hasMessageContaining(column.equals("payload") ? "not JSON" : "unknown event type alert.teleported")
                .hasMessageContaining("--accept-broken-chain");

        try (TocsinServer s = start(new ServerConfig.Checkpoints(null, null, 100, true))) {
            JsonNode active = Json.MAPPER.readTree(get(s, "/api/v1/alerts/active").body());
            assertThat(active.get("alerts").findValuesAsText("id")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
            HttpResponse<String> events = get(s, "/api/v1/events?after=0");
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(events.body()).get("events").findValuesAsText("seq"))
                    .containsExactly("1", "3");
            assertThat(logged).anySatisfy(r -> assertThat(r.getMessage()).contains("skipping event 2"));
        }
    }

    @Test
    void theCheckpointEndpointServesTheSignedHeadWithAPublicKeyThatVerifiesIt() throws Exception {
        try (TocsinServer s = start(new ServerConfig.Checkpoints(null, null, 2, false))) {
            issue(s, 3);

            // Signed once the head crosses seq 2: at 2, or at 3 if the third alert was in before the signer ran.
            JsonNode cp = await().atMost(Duration.ofSeconds(10)).until(
                    () -> Json.MAPPER.readTree(get(s, "/api/v1/audit/checkpoint").body()), n -> n.get("seq").asLong() >= 2);
            long seq = cp.get("seq").asLong();

            String admin = s.tokens().create(Role.ADMIN, List.of(), "auditor", null).bearer();
            JsonNode audit = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/audit"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(cp.get("hash").asText()).isEqualTo(audit.get("events").get((int) seq - 1).get("hash").asText());
            assertThat(cp.get("algorithm").asText()).isEqualTo("Ed25519");

            // What a monitor does with nothing but the JDK: the documented text, the served key.
            String text = "tocsin-checkpoint-v1\n" + seq + "\n" + cp.get("hash").asText() + "\n" + cp.get("at").asText();
            assertThat(cp.get("signed").asText()).isEqualTo(text);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(cp.get("public_key").asText())));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(text.getBytes(StandardCharsets.UTF_8));
            assertThat(v.verify(Base64.getDecoder().decode(cp.get("sig").asText()))).isTrue();
        }
    }

    @Test
    void theAuditEndpointHoldsTheRunningLogToItsCheckpoints() throws Exception {
        try (TocsinServer s = start(new ServerConfig.Checkpoints(null, null, 2, false))) {
            issue(s, 3);
            String admin = s.tokens().create(Role.ADMIN, List.of(), "auditor", null).bearer();
            await().atMost(Duration.ofSeconds(10)).until(() -> s.checkpoints().latest().seq() >= 2);
            long signed = s.checkpoints().latest().seq();
            assertThat(verify(s, admin).get("intact").asBoolean()).isTrue();

            sqlite("DELETE FROM events WHERE seq >= " + signed);

            JsonNode v = verify(s, admin);
            assertThat(v.get("intact").asBoolean()).isFalse();
            assertThat(v.get("first_broken_seq").asLong()).isEqualTo(signed);
            assertThat(v.get("reason").asText()).contains("tail (seq " + signed + ") was removed");
        }
    }

    JsonNode verify(TocsinServer s, String admin) throws Exception {
        return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void theKeyIsMadeOnFirstStartBesideTheDatabaseReadableByItsOwnerOnly() {
        try (TocsinServer ignored = start(ServerConfig.Checkpoints.DEFAULT)) {
            Path key = dbFile.resolveSibling("t.db.checkpoint-key");
            assertThat(key).exists();
            assertThat(PosixFilePermissions.toString(uncheckedPermissions(key))).isEqualTo("rw-------");
            assertThat(dbFile.resolveSibling("t.db.checkpoints")).exists();
        }
    }

    @Test
    void onPostgresTheKeyMustBeNamedAndATruncatedTailStopsTheStart() throws Exception {
        String schema = "tocsin_cp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = PG + "&currentSchema=" + schema;
        try {
            assertThatThrownBy(() -> pg(url, ServerConfig.Checkpoints.DEFAULT))
                    .isInstanceOf(StartRefusedException.class).hasMessageContaining("--checkpoint-key");

            ServerConfig.Checkpoints named = new ServerConfig.Checkpoints(dir.resolve("node1.key"), null, 100, false);
            try (TocsinServer s = pg(url, named)) {
                issue(s, 4);
            }
            assertThat(dir.resolve("node1.key.checkpoints")).exists();
            try (Connection c = DriverManager.getConnection(url); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM events WHERE seq = 4");
            }
            assertThatThrownBy(() -> pg(url, named)).isInstanceOf(StartRefusedException.class)
                    .hasMessageContaining("broken at seq 4").hasMessageContaining("--accept-broken-chain");
        } finally {
            try (Connection c = DriverManager.getConnection(PG); var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    // ---- helpers ----

    TocsinServer start(ServerConfig.Checkpoints checkpoints) {
        return new TocsinServer(new ServerConfig("127.0.0.1", 0, "sqlite:" + dbFile, ServerConfig.Limits.DEFAULT,
                List.of(), checkpoints), Regions.catalog(), Clock.systemUTC()).start();
    }

    TocsinServer pg(String url, ServerConfig.Checkpoints checkpoints) {
        return new TocsinServer(new ServerConfig("127.0.0.1", 0, url, ServerConfig.Limits.DEFAULT, List.of(),
                checkpoints), Regions.catalog(), Clock.systemUTC()).start();
    }

    /** Issues {@code n} regional alerts through the API; returns their ids in seq order. */
    List<String> issue(TocsinServer s, int n) throws Exception {
        String token = s.tokens().create(Role.OPERATOR, List.of("UA-32"), "Kyiv oblast duty officer", null).bearer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\","
                            + "\"subtype\":\"drones\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            ids.add(Json.MAPPER.readTree(r.body()).get("alert").get("id").asText());
        }
        return ids;
    }

    HttpResponse<String> get(TocsinServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void sqlite(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); var st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    /** Replaces one row's payload or type and recomputes the chain from there, with the published rule. */
    void rewriteSqlite(long seq, String column, String value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            try (PreparedStatement up = c.prepareStatement("UPDATE events SET " + column + " = ? WHERE seq = ?")) {
                up.setString(1, value);
                up.setLong(2, seq);
                assertThat(up.executeUpdate()).isEqualTo(1);
            }
            String prev = ChainHash.GENESIS;
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT seq, at, type, alert_id, actor, payload FROM events ORDER BY seq");
                 PreparedStatement up = c.prepareStatement("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?")) {
                while (rs.next()) {
                    String hash = ChainHash.of(prev, rs.getLong(1), rs.getString(3), rs.getString(2), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                    up.setString(1, prev);
                    up.setString(2, hash);
                    up.setLong(3, rs.getLong(1));
                    up.executeUpdate();
                    prev = hash;
                }
            }
        }
    }

    /** Replaces the checkpoints by one over the current head, signed with the server's own key. */
    void signTheHeadAsTheServerWould() throws Exception {
        CheckpointKey key = CheckpointKey.load(dbFile.resolveSibling("t.db.checkpoint-key"));
        Path file = dbFile.resolveSibling("t.db.checkpoints");
        Files.delete(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            new CheckpointFile(file).append(Checkpoint.sign(key, rs.getLong(1), rs.getString(2), Instant.now()));
        }
    }

    static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
