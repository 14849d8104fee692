package io.tocsin.audit;

import io.tocsin.domain.EventLog;
import io.tocsin.log.JdbcEventLog;

import java.security.PublicKey;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The audit with keyed evidence: the checkpoint file read and every line's signature checked, then the chain
 * recomputed and held to those checkpoints. One procedure for {@code tocsin audit verify} and the server's
 * start-up check, so both name the same seq for the same damage.
 */
public final class TamperCheck {
    private TamperCheck() {
    }

    /**
     * What the audit found: {@code brokenSeq} is the first seq at fault (0 when the fault is in the checkpoint file
     * and names no seq); {@code problem} is null when the log is intact.
     *
     * @param checked     events proved intact before the fault
     * @param checkpoints signed checkpoints the chain was held to
     */
    public record Verdict(long checked, long brokenSeq, String problem, int checkpoints) {
        public boolean intact() {
            return problem == null;
        }

        /** One line for people: "intact (…)" or "broken at seq N: …". */
        public String describe() {
            if (intact()) {
                return checked + " events, hash chain intact, held to " + checkpoints + " signed checkpoint"
                        + (checkpoints == 1 ? "" : "s");
            }
            return (brokenSeq > 0 ? "broken at seq " + brokenSeq + ": " : "broken: ") + problem;
        }
    }

    /** The hash chain alone, for a log that has no checkpoints (made before they existed, or its key is elsewhere). */
    public static Verdict chainOnly(JdbcEventLog log) {
        EventLog.ChainCheck chain = log.verify(new TreeMap<>(), true);
        return new Verdict(chain.checked(), chain.firstBrokenSeq(), chain.intact() ? null : chain.reason(), 0);
    }

    /**
     * @param expectCheckpoints true when the checkpoint file must exist (its key predates this check): an absent
     *                          file then means it was removed
     * @param decodeRows        also prove that every event can be read
     */
    public static Verdict run(JdbcEventLog log, CheckpointFile file, PublicKey key, boolean expectCheckpoints,
                              boolean decodeRows) {
        List<Checkpoint> checkpoints;
        try {
            checkpoints = file.read(key);
        } catch (CheckpointFile.BadCheckpointException e) {
            return new Verdict(0, e.seq(), e.getMessage(), 0);
        }
        if (expectCheckpoints && !file.exists()) {
            // The file is made before its key. (Lines removed from it cannot be seen here: monitors' copies can.)
            return new Verdict(0, 0, "the checkpoint file " + file.path() + " is missing although its signing key "
                    + "exists: the checkpoints were removed", 0);
        }
        NavigableMap<Long, String> anchors = new TreeMap<>();
        for (Checkpoint c : checkpoints) {
            String other = anchors.putIfAbsent(c.seq(), c.hash());
            if (other != null && !other.equals(c.hash())) {
                // Both are signed: the log held one chain up to this seq, and later another.
                return new Verdict(0, c.seq(), "two signed checkpoints at seq " + c.seq() + " name different hashes: "
                        + "the log was rewritten from seq " + c.seq() + " or earlier after the first was signed", 0);
            }
        }
        EventLog.ChainCheck chain = log.verify(anchors, decodeRows);
        return new Verdict(chain.checked(), chain.firstBrokenSeq(), chain.intact() ? null : chain.reason(), anchors.size());
    }
}
