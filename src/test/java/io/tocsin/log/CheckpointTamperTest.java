package io.tocsin.log;

import io.tocsin.audit.Checkpoint;
import io.tocsin.audit.CheckpointFile;
import io.tocsin.audit.CheckpointKey;
import io.tocsin.cli.Main;
import io.tocsin.domain.LoggedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyed tamper evidence, on both engines: a log whose head is checkpointed with a key kept outside the database is
 * damaged the ways an attacker with only the database would damage it, and {@code tocsin audit verify} must exit
 * non-zero naming the seq. On SQLite the command finds the checkpoints beside the database by itself; on PostgreSQL
 * it is given the file and the public key, as a monitor would be.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class CheckpointTamperTest extends StoreContract {
    CheckpointKey key;
    CheckpointFile checkpoints;
    Path keyFile;

    @BeforeEach
    void keyAndCheckpointsBesideTheDatabase() {
        // The names the server uses beside an SQLite file; on PostgreSQL they are simply files the test names.
        keyFile = dir.resolve("events.db.checkpoint-key");
        key = CheckpointKey.loadOrCreate(keyFile);
        checkpoints = new CheckpointFile(dir.resolve("events.db.checkpoints"));
    }

    @Test
    void anIntactLogHeldToItsCheckpointsPasses() {
        appendWithCheckpointsEvery(3, 10);

        Result r = auditVerify();

        assertThat(r.exit).as(r.text()).isZero();
        assertThat(r.out).contains("OK: 10 events").contains("held to 4 signed checkpoints");
    }

    @Test
    void aTruncatedTailIsNamedBySeq() throws SQLException {
        appendWithCheckpointsEvery(100, 10); // one checkpoint, at the head (as at shutdown)

        assertThat(sql("DELETE FROM events WHERE seq > 8")).isEqualTo(2);

        assertThat(log.verify().intact()).as("the bare hash chain cannot see it").isTrue();
        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 9").contains("ends at seq 8").contains("seq 9..10) was removed");
    }

    @Test
    void aRewrittenPayloadWithEveryHashRecomputedIsNamedByTheCheckpointItNoLongerReaches() throws SQLException {
        appendWithCheckpointsEvery(3, 10); // checkpoints at 3, 6, 9 and 10

        rewrite(5, row -> row.withPayload(row.payload.replace("drones", "cruise_missile")));

        assertThat(log.verify().intact()).as("the recomputed chain is consistent in itself").isTrue();
        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 6").contains("event in seq 4..6 was altered");
    }

    @Test
    void aDeletedMiddleRowIsNamedBySeq() throws SQLException {
        appendWithCheckpointsEvery(100, 10);

        assertThat(sql("DELETE FROM events WHERE seq = 4")).isEqualTo(1);

        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 4").contains("seq 4 is missing");
    }

    @Test
    void aPayloadThatIsNotJsonIsReportedBySeqNotAsAStackTrace() throws SQLException {
        appendWithCheckpointsEvery(100, 5);

        rewrite(3, row -> row.withPayload("{not json"));

        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 3").contains("cannot be read").contains("not JSON");
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownEventTypeIsReportedBySeqNotAsAStackTrace() throws SQLException {
        appendWithCheckpointsEvery(100, 5);

        rewrite(2, row -> row.withType("alert.teleported"));

        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 2").contains("unknown event type alert.teleported");
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aCheckpointEditedToMatchARewrittenChainFailsItsSignature() throws Exception {
        appendWithCheckpointsEvery(100, 6);
        rewrite(2, row -> row.withPayload(row.payload.replace("drones", "aviation")));
        String newHead = headHash();

        Path f = checkpoints.path();
        String edited = Files.readString(f).replaceAll("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + newHead + "\"");
        Files.writeString(f, edited);

        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN at seq 6").contains("does not verify with the public key");
    }

    @Test
    void removingTheCheckpointFileWhileItsKeyRemainsIsReported() throws Exception {
        appendWithCheckpointsEvery(100, 4);
        Files.delete(checkpoints.path());

        Result r = auditVerify();
        assertThat(r.exit).as(r.text()).isEqualTo(1);
        assertThat(r.out).contains("BROKEN").contains("is missing although its signing key exists");
    }

    // ---- helpers ----

    /** Appends {@code n} events and signs a checkpoint every {@code every} events and at the head, as the server does. */
    private void appendWithCheckpointsEvery(int every, int n) {
        LoggedEvent last = null;
        for (int i = 1; i <= n; i++) {
            last = log.append(EventLogContractTest.issued("a" + i, i));
            if (i % every == 0) {
                checkpoints.append(Checkpoint.sign(key, last.seq(), last.hash(), T0.plusSeconds(i)));
            }
        }
        if (n % every != 0) {
            checkpoints.append(Checkpoint.sign(key, last.seq(), last.hash(), T0.plusSeconds(n)));
        }
    }

    record Row(long seq, String at, String type, String alertId, String actor, String payload) {
        Row withPayload(String p) {
            return new Row(seq, at, type, alertId, actor, p);
        }

        Row withType(String t) {
            return new Row(seq, at, t, alertId, actor, payload);
        }
    }

    /**
     * What someone with write access to the database alone can do: change one row, then recompute prev_hash and
     * hash of it and every row after it with the public rule, so the chain is consistent in itself again.
     */
    private void rewrite(long seq, UnaryOperator<Row> change) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = raw(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, at, type, alert_id, actor, payload FROM events ORDER BY seq")) {
            while (rs.next()) {
                Row r = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6));
                rows.add(r.seq == seq ? change.apply(r) : r);
            }
        }
        try (Connection c = raw(); PreparedStatement up = c.prepareStatement(
                "UPDATE events SET type = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
            String prev = ChainHash.GENESIS;
            for (Row r : rows) {
                String hash = ChainHash.of(prev, r.seq, r.type, r.at, r.alertId, r.actor, r.payload);
                up.setString(1, r.type);
                up.setString(2, r.payload);
                up.setString(3, prev);
                up.setString(4, hash);
                up.setLong(5, r.seq);
                assertThat(up.executeUpdate()).isEqualTo(1);
                prev = hash;
            }
        }
    }

    private String headHash() throws SQLException {
        try (Connection c = raw(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT hash FROM events ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int sql(String statement) throws SQLException {
        try (Connection c = raw(); PreparedStatement st = c.prepareStatement(statement)) {
            return st.executeUpdate();
        }
    }

    record Result(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    /** The real command line: on SQLite it finds key and checkpoints beside the database by itself. */
    private Result auditVerify() {
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--db", store.databaseOption()));
        if (engine == ContractStore.Engine.POSTGRES) {
            args.addAll(List.of("--checkpoints", checkpoints.path().toString(), "--public-key", key.publicKeyBase64()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
