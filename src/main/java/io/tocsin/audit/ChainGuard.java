package io.tocsin.audit;

import io.tocsin.app.AlertDesk;
import io.tocsin.db.Database;
import io.tocsin.domain.EventLog;
import io.tocsin.log.ChainHash;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.log.LogException;
import io.tocsin.log.UnreadableEventException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server's start-up check and its checkpoints. Before the board is rebuilt, the whole chain is audited against
 * the signed checkpoints ({@link TamperCheck}); a log that is broken or has lost its tail, and then in the rebuild
 * an event that cannot be read, stops the start with a message naming the seq, unless the operator says
 * {@code --accept-broken-chain} (then the log is served as it is, unreadable events skipped, and said so loudly).
 * The head is checkpointed and a {@link Checkpointer} signs the rest.
 */
public final class ChainGuard {
    private static final Logger LOG = Logger.getLogger(ChainGuard.class.getName());
    public static final String OVERRIDE = "--accept-broken-chain";

    private final EventLog log;
    private final JdbcEventLog jdbc;
    private final CheckpointFile file;
    private final CheckpointKey key;
    private final Checkpointer checkpointer;
    private final String database;

    private ChainGuard(EventLog log, JdbcEventLog jdbc, CheckpointFile file, CheckpointKey key,
                       Checkpointer checkpointer, String database) {
        this.log = log;
        this.database = database;
        this.jdbc = jdbc;
        this.file = file;
        this.key = key;
        this.checkpointer = checkpointer;
    }

    /**
     * @param database the database option, for the default locations and the messages
     * @param key      the checkpoint_key option, null for the default (beside an SQLite file)
     * @param file     the checkpoint_file option, null for the default
     */
    public static ChainGuard atStart(Database db, JdbcEventLog jdbc, String database, Path key, Path file,
                                     int interval, boolean acceptBrokenChain, Clock clock) {
        CheckpointLocations at;
        try {
            at = CheckpointLocations.resolve(database, key, file);
        } catch (IllegalArgumentException e) {
            throw new StartRefusedException(e.getMessage());
        }
        CheckpointFile checkpoints = new CheckpointFile(at.file());
        CheckpointKey signingKey;
        try {
            if (!java.nio.file.Files.exists(at.key())) {
                // The file first: whoever sees the key sees its file, even while this start is still auditing.
                checkpoints.create();
            }
            signingKey = CheckpointKey.loadOrCreate(at.key());
        } catch (RuntimeException e) {
            throw new StartRefusedException(e.getMessage());
        }
        long started = System.nanoTime();
        // Rows are decoded by the rebuild that follows (rebuild() below turns an unreadable one into a refusal).
        TamperCheck.Verdict verdict = TamperCheck.run(jdbc, checkpoints, signingKey.publicKey(), !signingKey.created(),
                false);
        if (!verdict.intact()) {
            if (!acceptBrokenChain) {
                throw refusal(verdict.describe(), database, at.file());
            }
            Path kept = checkpoints.setAside(clock.instant());
            LOG.severe(OVERRIDE + " was given: SERVING AN EVENT LOG THAT FAILED ITS AUDIT, " + verdict.describe()
                    + " (later seqs were not examined); events that cannot be read are skipped. The checkpoints it "
                    + "failed are kept as evidence in " + kept + "; new ones start from this head");
        } else {
            LOG.info("event log audited: " + verdict.describe() + " (" + (System.nanoTime() - started) / 1_000_000
                    + " ms)");
            if (acceptBrokenChain) {
                LOG.warning(OVERRIDE + " was given: events that cannot be read will be skipped");
            }
        }
        EventLog served = acceptBrokenChain ? new TolerantEventLog(jdbc) : jdbc;
        Checkpoint latest = latestReadable(checkpoints, signingKey);
        Head head = head(db);
        Checkpointer checkpointer = new Checkpointer(signingKey, checkpoints, clock, interval, Checkpointer.MAX_UNSIGNED, latest,
                head.seq(), head.hash());
        // Anchor what was just audited (or accepted), so a tail lost before the next checkpoint still shows.
        checkpointer.signHead();
        return new ChainGuard(served, jdbc, checkpoints, signingKey, checkpointer, database);
    }

    /**
     * Rebuilds the desk's board from the log; an event that cannot be read stops the start by its seq (with the
     * override the log skips it instead, so this never sees one).
     */
    public long rebuild(AlertDesk desk) {
        try {
            return desk.rebuild();
        } catch (UnreadableEventException e) {
            throw refusal("broken at seq " + e.seq() + ": " + e.getMessage(), database, file.path());
        }
    }

    private static StartRefusedException refusal(String what, String database, Path checkpointFile) {
        return new StartRefusedException("refusing to start: the event log is " + what + ". "
                + "Nothing was changed. See what happened with 'tocsin audit verify --db " + database
                + "', restore the database (or the checkpoint file " + checkpointFile + ") from a backup, "
                + "or start with " + OVERRIDE + " to serve this log as it is (that is logged)");
    }

    /** The log to serve: the log itself, or after the override one that skips unreadable events. */
    public EventLog log() {
        return log;
    }

    /** The same audit as at start, now: the chain recomputed and held to every signed checkpoint. Blocks. */
    public TamperCheck.Verdict audit() {
        return TamperCheck.run(jdbc, file, key.publicKey(), true, true);
    }

    /** Domain separation: an event's seal can never pass for a checkpoint's signature, nor the reverse. */
    private static final byte[] SEAL_CONTEXT = "tocsin-event-v1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Signs an event as one node tells the others (every node of a cluster has the checkpoint key), so that only
     * a holder of the key can make an event the others apply without reading the log.
     */
    public byte[] seal(byte[] event) {
        return key.sign(withContext(event));
    }

    public boolean sealedBy(byte[] event, byte[] seal) {
        return CheckpointKey.verifies(key.publicKey(), withContext(event), seal);
    }

    private static byte[] withContext(byte[] event) {
        byte[] out = java.util.Arrays.copyOf(SEAL_CONTEXT, SEAL_CONTEXT.length + event.length);
        System.arraycopy(event, 0, out, SEAL_CONTEXT.length, event.length);
        return out;
    }

    /** Add to the desk's sinks; close when the server stops (after the last write). */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    private static Checkpoint latestReadable(CheckpointFile file, CheckpointKey key) {
        try {
            List<Checkpoint> all = file.read(key.publicKey());
            return all.isEmpty() ? null : all.get(all.size() - 1);
        } catch (CheckpointFile.BadCheckpointException e) {
            return null; // already reported (and accepted) by the audit
        }
    }

    /** The stored head (seq, hash): after an intact audit it is the recomputed one. */
    private record Head(long seq, String hash) {
    }

    private static Head head(Database db) {
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, ChainHash.GENESIS);
        } catch (SQLException e) {
            throw new LogException("cannot read the log's head on " + db.dialect().name(), e);
        }
    }
}
