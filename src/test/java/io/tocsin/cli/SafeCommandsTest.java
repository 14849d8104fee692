package io.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.db.Database;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.support.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that cannot hurt: a typo never creates a database, and a live database can be copied consistently. */
class SafeCommandsTest {
    private final CapturedCommandLine cli = new CapturedCommandLine();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aReadOnlyCommandOnAMissingDatabaseExitsTwoNamingThePathAndCreatesNothing(@TempDir Path dir) {
        Path typo = dir.resolve("typo").resolve("x.db");

        int exit = run("token", "list", "--db", "sqlite:" + typo);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no database at " + typo.toAbsolutePath()).doesNotContain("Exception");
        assertThat(Files.exists(typo)).isFalse();
        assertThat(Files.exists(typo.getParent())).isFalse();
    }

    @Test
    void auditVerifyOnAMissingDatabaseExitsTwoAndCreatesNothing(@TempDir Path dir) {
        Path typo = dir.resolve("typo").resolve("x.db");

        int exit = run("audit", "verify", "--db", "sqlite:" + typo);

        assertThat(exit).isEqualTo(2);
        assertThat(Files.exists(typo)).isFalse();
        assertThat(Files.exists(typo.getParent())).isFalse();
    }

    @Test
    void tokenCreateSaysWhichDatabaseItWroteTo(@TempDir Path dir) {
        Path db = dir.resolve("t.db");
        // token create prints the secret and the note through System.out / System.err like the other token commands.
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertThat(run("token", "create", "--db", "sqlite:" + db, "--role", "admin", "--name", "x")).isZero();
        } finally {
            System.setErr(before);
        }
        assertThat(captured.toString()).contains("created in sqlite:" + db.toAbsolutePath());
    }

    @Test
    void aBackupOfALiveDatabaseIsConsistentAndVerified(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("live.db");
        Path copy = dir.resolve("copy.db");
        try (RunningServer s = RunningServer.onFile(db)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger acknowledged = new AtomicInteger();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    if (s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\","
                            + "\"status\":\"test\"}").statusCode() == 201) {
                        acknowledged.incrementAndGet();
                    }
                }
            });
            while (acknowledged.get() < 20) {
                Thread.sleep(20);
            }
            int before = acknowledged.get();

            int exit = run("backup", "--db", "sqlite:" + db, copy.toString());

            stop.set(true);
            writer.join(10_000);
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("chain intact");
            try (Database d = Database.openExisting("sqlite:" + copy)) {
                var check = new JdbcEventLog(d).verify();
                assertThat(check.intact()).isTrue();
                assertThat(check.checked()).isGreaterThanOrEqualTo(before);
            }
        }
        assertThat(run("backup", "--db", "sqlite:" + db, copy.toString())).as("an existing target is refused").isEqualTo(2);
    }

    @Test
    void aPortInUseIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int exit = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--db", "sqlite:" + dir.resolve("p.db"));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().strip()).startsWith("tocsin: port " + taken.getLocalPort()).contains("--port")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(err.toString().strip().lines()).hasSize(1);
        }
    }
}
