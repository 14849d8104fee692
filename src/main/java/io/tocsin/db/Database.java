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

    public static Database open(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return postgres(url);
        }
        return sqlite(Path.of(url.startsWith("sqlite:") ? url.substring("sqlite:".length()) : url));
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

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }
}
