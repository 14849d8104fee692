package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.app.AlertDesk;
import io.tocsin.db.Database;
import io.tocsin.db.Migrations;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import io.tocsin.support.Regions;
import io.tocsin.support.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the release before the schema was versioned opens under today's code: the chain verifies,
 * the stored bytes are exactly what stored form 1 writes, the schema is upgraded once, and the log carries on.
 */
class StorageUpgradeTest {
    private static final Path FIXTURE = RepoFiles.testResource("fixtures/tocsin-808b4a2.db");

    private static Path copy(Path dir) throws Exception {
        Path db = dir.resolve("old.db");
        Files.copy(FIXTURE, db);
        return db;
    }

    @Test
    void aDatabaseFromTheReleaseBeforeVersioningOpensVerifiesAndIsUpgraded(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); var st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the fixture predates versioning").isZero();
        }
        try (Database db = Database.sqlite(file)) {
            JdbcEventLog log = new JdbcEventLog(db);
            assertThat(log.verify()).isEqualTo(new io.tocsin.domain.EventLog.ChainCheck(13, 0, "intact"));
            assertThat(versions(db)).containsExactly(1, 2, 3, 4, 5, 6);

            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), Clock.systemUTC());
            assertThat(desk.rebuild()).isEqualTo(13);
            assertThat(desk.board().active()).extracting(Alert::threat).containsExactlyInAnyOrder(
                    Threat.AIR_RAID, Threat.ARTILLERY, Threat.CHEMICAL, Threat.URBAN_FIGHTS);

            LoggedEvent next = desk.issue(new Actor("t", "test", Role.ADMIN, List.of()), new IssueAlert(List.of("UA-30"),
                    Threat.AIR_RAID, null, Stage.ALERT, Status.ACTUAL, null, null));
            assertThat(next.seq()).isEqualTo(14);
            assertThat(log.verify().intact()).isTrue();
        }
        try (Database again = Database.sqlite(file)) {
            assertThat(versions(again)).as("migrations run once").containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(new JdbcEventLog(again).verify().checked()).isEqualTo(14);
        }
    }

    @Test
    void storedForm1IsByteForByteWhatTheOldReleaseStored(@TempDir Path dir) throws Exception {
        Path file = copy(dir);
        List<String[]> rows = new ArrayList<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); var st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, payload FROM events ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        assertThat(rows).hasSize(13);
        for (String[] row : rows) {
            Alert decoded = PayloadCodecV1.INSTANCE.decode(row[1]);
            assertThat(PayloadCodecV1.INSTANCE.encode(decoded)).as("seq %s", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void aDatabaseNewerThanThisReleaseIsRefusedNotMisread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("future.db");
        Database.sqlite(file).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); var st = raw.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> Database.sqlite(file)).hasMessageContaining("version 99")
                .hasMessageContaining("newer than this release");
    }

    @Test
    void aPostgresSchemaFromBeforeVersioningIsAdoptedAndUpgraded() throws Exception {
        String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String schema = "tocsin_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pg); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path TO " + schema);
            for (String sql : io.tocsin.db.Dialect.POSTGRES.baseline()) {
                st.execute(sql);
            }
        }
        try (Database db = Database.postgres(pg + "&currentSchema=" + schema)) {
            assertThat(versions(db)).containsExactly(1, 2, 3, 4, 5, 6);
            JdbcEventLog log = new JdbcEventLog(db);
            log.append(EventLogContractTest.issued("after-upgrade", 0));
            assertThat(log.after(0, 10)).hasSize(1);
            assertThat(Migrations.latest(io.tocsin.db.Dialect.POSTGRES)).isEqualTo(6);
        } finally {
            try (Connection c = DriverManager.getConnection(pg); var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static List<Integer> versions(Database db) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
