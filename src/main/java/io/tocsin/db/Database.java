package io.tocsin.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database behind the event log and the token store, named by {@code sqlite:PATH} or
 * {@code jdbc:postgresql://...}. Creates or upgrades its schema on open ({@link Migrations}).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        try (Connection c = pool.getConnection()) {
            Migrations.apply(c, dialect);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot create the schema on " + dialect.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a database that must already exist: commands that only read (audit verify, token list) must never leave
     * an empty database behind a typo. A missing SQLite file is {@link MissingDatabaseException}.
     */
    public static Database openExisting(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            Path file = sqlitePath(url);
            if (!Files.isRegularFile(file)) {
                throw new MissingDatabaseException(file);
            }
        }
        return open(url);
    }

    /** The file of a {@code sqlite:PATH} URL (a bare path is accepted too). */
    public static Path sqlitePath(String url) {
        return Path.of(url.startsWith("sqlite:") ? url.substring("sqlite:".length()) : url);
    }

    /** A read-only command named a database that does not exist. */
    public static final class MissingDatabaseException extends RuntimeException {
        public MissingDatabaseException(Path file) {
            super("no database at " + file.toAbsolutePath() + " (this command never creates one; check --db or TOCSIN_DB)");
        }
    }

    /** A consistent copy of the live SQLite database, taken with SQLite's online backup while writers go on. */
    public void backupTo(Path target) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            throw new UnsupportedOperationException("PostgreSQL is backed up with pg_dump (docs/operations.md)");
        }
        try (Connection c = pool.getConnection(); var st = c.createStatement()) {
            // sqlite-jdbc's "backup to" runs the sqlite3_backup API: a page-by-page copy of one consistent snapshot.
            st.executeUpdate("backup to \"" + target.toAbsolutePath() + "\"");
        }
    }

    public static Database open(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return postgres(url);
        }
        return sqlite(sqlitePath(url));
    }

    public static Database sqlite(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + file, e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is fsynced at every commit, so an acknowledged event survives a crash or power loss.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setPoolName("tocsin-sqlite");
        hc.setMaximumPoolSize(4);
        return new Database(new HikariDataSource(hc), Dialect.SQLITE);
    }

    public static Database postgres(String jdbcUrl) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("tocsin-pg");
        hc.setMaximumPoolSize(8);
        hc.setInitializationFailTimeout(5_000);
        return new Database(new HikariDataSource(hc), Dialect.POSTGRES);
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Work on one connection inside a transaction. */
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(TxWork<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }
}
