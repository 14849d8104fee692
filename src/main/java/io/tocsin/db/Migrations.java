package io.tocsin.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Versioned schema: an ordered list of migrations per engine and a {@code schema_version} table saying which are
 * applied. Opening a database applies what is missing, each migration in its own transaction under the append lock
 * (so two nodes starting together migrate once). A database without the table is one made before versioning: its
 * tables are exactly what version 1 creates ({@code CREATE ... IF NOT EXISTS}), so it is adopted as version 1 and
 * upgraded from there. A database newer than this release is refused rather than misread.
 */
public final class Migrations {
    /** One step of the schema; {@code statements} run in order inside one transaction. */
    public record Migration(int version, String description, List<String> statements) {
    }

    /** One row, made by the first node that joins a cluster; every node of one log reads the same id. */
    static final String CLUSTER_IDENTITY = """
            CREATE TABLE IF NOT EXISTS cluster_identity (
              one INTEGER PRIMARY KEY CHECK (one = 1),
              id TEXT NOT NULL)""";
    /**
     * A lease per once-per-cluster duty: who holds it, its generation (raised on every change of holder, so work
     * done under an old generation can be refused) and until when, in the database's clock (ms since the epoch).
     */
    static final String CLUSTER_LEASES = """
            CREATE TABLE IF NOT EXISTS cluster_leases (
              name TEXT PRIMARY KEY,
              holder TEXT NOT NULL,
              generation BIGINT NOT NULL,
              expires_ms BIGINT NOT NULL)""";

    private Migrations() {
    }

    /** The migrations of {@code dialect}, oldest first; versions are consecutive from 1. */
    public static List<Migration> of(Dialect dialect) {
        return List.of(
                new Migration(1, "events, tokens and CAP links (the schema before versioning)", dialect.baseline()),
                new Migration(2, "idempotency keys of writes", List.of(Dialect.IDEMPOTENCY)),
                new Migration(3, "the stored form of each event (1 = the original JSON form)",
                        List.of("ALTER TABLE events ADD COLUMN format INTEGER NOT NULL DEFAULT 1")),
                new Migration(4, "where imported CAP messages came from", List.of(Dialect.CAP_ORIGINS,
                        "CREATE INDEX IF NOT EXISTS cap_origins_alert ON cap_origins(alert_id)")),
                new Migration(5, "push channels: cursors of log followers, webhook subscriptions, messages and "
                        + "their delivery attempts", dialect.push()),
                new Migration(6, "cluster: the identity nodes share (it names the NATS stream) and the leases of "
                        + "once-per-cluster work", List.of(CLUSTER_IDENTITY, CLUSTER_LEASES)));
    }

    /** The newest version this release knows. */
    public static int latest(Dialect dialect) {
        List<Migration> all = of(dialect);
        return all.get(all.size() - 1).version();
    }

    /** Applies every migration the database lacks; returns the version it is at afterwards. */
    static int apply(Connection c, Dialect dialect) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int latest = latest(dialect);
        for (Migration m : of(dialect)) {
            c.setAutoCommit(false);
            try {
                dialect.lockForAppend(c);
                int current = current(c);
                if (current > latest) {
                    throw new IllegalStateException("the database's schema is version " + current
                            + ", newer than this release understands (" + latest + "); run a newer Tocsin");
                }
                if (m.version() > current) {
                    try (var st = c.createStatement()) {
                        for (String sql : m.statements()) {
                            st.execute(sql);
                        }
                    }
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                        ins.setInt(1, m.version());
                        ins.setString(2, m.description());
                        ins.setString(3, Instant.now().toString());
                        ins.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return current(c);
    }

    /** The highest applied version, 0 for an empty table. */
    static int current(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
