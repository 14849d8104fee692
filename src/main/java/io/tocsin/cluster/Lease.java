package io.tocsin.cluster;

import io.tocsin.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A lease in PostgreSQL on the once-per-cluster duties (expiry, push channels, checkpoint signing). The database's
 * clock decides expiry, so nodes' clocks need not agree. Taking an expired lease raises its generation; renewing
 * keeps it. The holder believes it holds only until its own monotonic clock, started before the statement was sent,
 * passes the lease less a margin: a node paused past that (SIGSTOP, a long GC, a partition) stops acting on its
 * first instruction after waking, before any other node can have taken the lease, so it is never held twice.
 */
public final class Lease {
    private static final Logger LOG = Logger.getLogger(Lease.class.getName());
    /** The database's clock in ms: the one clock all nodes' leases are judged by. */
    private static final String NOW_MS = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    private static final String TAKE = "INSERT INTO cluster_leases (name, holder, generation, expires_ms) VALUES "
            + "(?, ?, 1, " + NOW_MS + " + ?) ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "
            + "generation = CASE WHEN cluster_leases.holder = EXCLUDED.holder AND cluster_leases.generation = ? "
            + "THEN cluster_leases.generation ELSE cluster_leases.generation + 1 END, expires_ms = EXCLUDED.expires_ms "
            + "WHERE (cluster_leases.holder = EXCLUDED.holder AND cluster_leases.generation = ?) "
            + "OR cluster_leases.expires_ms < " + NOW_MS + " RETURNING generation";

    /** What a node knows of the lease after its last attempt. */
    public record State(boolean held, long generation, String holder) {
    }

    private final Database db;
    private final String name;
    private final String node;
    private final Duration length;
    private volatile long generation;
    private volatile long validUntilNanos;
    private volatile String holder = "";

    public Lease(Database db, String name, String node, Duration length) {
        this.db = db;
        this.name = name;
        this.node = node;
        this.length = length;
    }

    /** Takes or renews the lease; returns whether this node holds it now. A failed database round-trip loses it. */
    public synchronized boolean refresh() {
        long sent = System.nanoTime();
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(TAKE)) {
            q.setString(1, name);
            q.setString(2, node);
            q.setLong(3, length.toMillis());
            q.setLong(4, generation);
            q.setLong(5, generation);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    long g = rs.getLong(1);
                    if (g != generation) {
                        LOG.info("node " + node + " took the lease '" + name + "', generation " + g);
                    }
                    generation = g;
                    holder = node;
                    // A fifth of the lease is kept as margin for the two clocks running at slightly other rates.
                    validUntilNanos = sent + length.toNanos() * 4 / 5;
                    return true;
                }
            }
            validUntilNanos = sent;
            holder = currentHolder(c);
            return false;
        } catch (SQLException | RuntimeException e) {
            validUntilNanos = sent;
            LOG.warning("the lease '" + name + "' could not be renewed: " + e.getMessage());
            return false;
        }
    }

    /** Whether this node may act under the lease now (its own clock, no database round-trip). */
    public boolean held() {
        return generation > 0 && System.nanoTime() - validUntilNanos < 0;
    }

    public State state() {
        boolean h = held();
        return new State(h, generation, h ? node : holder);
    }

    public Duration length() {
        return length;
    }

    private String currentHolder(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT holder FROM cluster_leases WHERE name = ? AND "
                + "expires_ms >= " + NOW_MS)) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
