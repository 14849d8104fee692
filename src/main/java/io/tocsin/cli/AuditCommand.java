package io.tocsin.cli;

import io.tocsin.audit.CheckpointFile;
import io.tocsin.audit.CheckpointKey;
import io.tocsin.audit.CheckpointLocations;
import io.tocsin.audit.TamperCheck;
import io.tocsin.db.Database;
import io.tocsin.log.JdbcEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

/**
 * {@code tocsin audit verify}: proves the log intact against its signed checkpoints, or names the first seq at
 * fault (a gap, a row that does not hash, a rewrite that no longer reaches a checkpoint's hash, a lost tail, an
 * event that cannot be read). Exit 0 intact, 1 broken, 2 when the check itself cannot be made.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the tamper-evident event log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the hash chain and hold it to the signed checkpoints.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        DbOption db = new DbOption();

        @Option(names = "--checkpoints", description = "the checkpoint file (default: beside the SQLite file, "
                + "tocsin.db.checkpoints); a monitor's own copy works as well")
        Path checkpoints;

        @Option(names = "--public-key", description = "the public key the checkpoints must verify with: base64 "
                + "X.509 SubjectPublicKeyInfo as GET /api/v1/audit/checkpoint serves it, or a file holding it "
                + "(default: derived from the checkpoint key)")
        String publicKey;

        @Option(names = "--checkpoint-key", description = "the server's private checkpoint key, to derive the "
                + "public key from (default: beside the SQLite file, tocsin.db.checkpoint-key)")
        Path checkpointKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path sqlite = CheckpointLocations.sqliteFile(db.url());
            Path file = checkpoints != null ? checkpoints
                    : sqlite == null ? null : sqlite.resolveSibling(sqlite.getFileName() + CheckpointLocations.FILE_SUFFIX);
            Path keyFile = checkpointKey != null ? checkpointKey
                    : sqlite == null ? null : sqlite.resolveSibling(sqlite.getFileName() + CheckpointLocations.KEY_SUFFIX);
            PublicKey key;
            boolean expectCheckpoints;
            try {
                if (publicKey != null) {
                    key = CheckpointKey.parsePublicKey(publicKey);
                    expectCheckpoints = true;
                } else if (keyFile != null && Files.exists(keyFile)) {
                    key = CheckpointKey.load(keyFile).publicKey();
                    expectCheckpoints = true;
                } else {
                    key = null;
                    expectCheckpoints = false;
                }
            } catch (RuntimeException e) {
                err.println("cannot check: " + e.getMessage());
                return 2;
            }
            if (key == null && checkpoints != null) {
                err.println("cannot check the checkpoints in " + checkpoints + " without the key that signed them: "
                        + "give --public-key (as GET /api/v1/audit/checkpoint serves it) or --checkpoint-key");
                return 2;
            }
            if (key == null || file == null) {
                err.println("WARNING: no checkpoint key" + (keyFile == null ? " named" : " at " + keyFile)
                        + ", so no signed checkpoints: only the hash chain is checked, which cannot show a removed "
                        + "tail or a rewrite with every hash recomputed (give --checkpoints and --public-key)");
            }
            // Never creates a database: a mistyped path is one line and exit 2 (Main), not "OK: 0 events".
            try (Database d = db.openExisting()) {
                JdbcEventLog log = new JdbcEventLog(d);
                TamperCheck.Verdict v = key == null || file == null ? TamperCheck.chainOnly(log)
                        : TamperCheck.run(log, new CheckpointFile(file), key, expectCheckpoints, true);
                if (v.intact()) {
                    out.println("OK: " + v.describe());
                    return 0;
                }
                out.println("BROKEN" + (v.brokenSeq() > 0 ? " at seq " + v.brokenSeq() : "") + ": " + v.problem()
                        + " (" + v.checked() + " events before it are intact)");
                return 1;
            } catch (Database.MissingDatabaseException e) {
                throw e;
            } catch (RuntimeException e) {
                err.println("cannot check: " + e.getMessage());
                return 2;
            }
        }
    }
}
