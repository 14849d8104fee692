package io.tocsin.log;

import io.tocsin.db.Database;
import io.tocsin.domain.EventLog.ChainCheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Checks a log's stored rows: the hash chain, each row's readability, and the anchors of signed checkpoints. */
final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * Recomputes the hash chain from the stored rows, decodes every row (when {@code decodeRows}), and holds the
     * chain to {@code anchors} (seq → hash, from checkpoints signed outside the database): a chain rewritten with
     * every hash recomputed no longer reaches an anchor's hash at its seq, and a log whose head is below the last
     * anchor lost its tail. Names the first seq where any of these fails. Decoding is most of the cost (about three
     * quarters of it), so the server's start-up check leaves it to the rebuild that decodes every row anyway.
     */
    static ChainCheck verify(Database db, java.util.NavigableMap<Long, String> anchors, boolean decodeRows) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events ORDER BY seq")) {
            q.setFetchSize(1000);
            String prev = ChainHash.GENESIS;
            long expected = 1;
            long checked = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        return new ChainCheck(checked, expected, "seq " + expected + " is missing");
                    }
                    if (!prev.equals(rs.getString(7))) {
                        return new ChainCheck(checked, seq, "prev_hash does not match the previous row's hash");
                    }
                    String hash = ChainHash.of(prev, seq, rs.getString(3), rs.getString(2), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                    if (!hash.equals(rs.getString(8))) {
                        return new ChainCheck(checked, seq, "hash does not match the row's contents");
                    }
                    String anchored = anchors.get(seq);
                    if (anchored != null && !anchored.equals(hash)) {
                        Long before = anchors.lowerKey(seq);
                        return new ChainCheck(checked, seq, "the chain up to seq " + seq + " does not match the "
                                + "checkpoint signed at seq " + seq + ": an event in " + seqs(before == null ? 1 : before + 1, seq)
                                + " was altered and the hashes after it recomputed");
                    }
                    if (decodeRows) {
                        try {
                            EventRows.row(rs);
                        } catch (UnreadableEventException e) {
                            return new ChainCheck(checked, seq, e.getMessage());
                        }
                    }
                    prev = hash;
                    expected++;
                    checked++;
                }
            }
            long head = expected - 1;
            if (!anchors.isEmpty() && anchors.lastKey() > head) {
                return new ChainCheck(checked, head + 1, "the log ends at seq " + head + " but a checkpoint was "
                        + "signed at seq " + anchors.lastKey() + ": the tail (" + seqs(head + 1, anchors.lastKey())
                        + ") was removed");
            }
            return new ChainCheck(checked, 0, "intact");
        } catch (SQLException e) {
            throw new LogException("verify failed on " + db.dialect().name(), e);
        }
    }

    private static String seqs(long from, long to) {
        return from == to ? "seq " + from : "seq " + from + ".." + to;
    }

}
