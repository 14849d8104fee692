package io.tocsin.log;

import io.tocsin.db.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh store for one contract test on either engine: a temporary SQLite file, or a new schema on the local
 * PostgreSQL (127.0.0.1:5432) dropped afterwards. PostgreSQL is required: without it, opening throws and the test
 * fails rather than skips.
 */
final class ContractStore implements AutoCloseable {
    static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    enum Engine {
        SQLITE, POSTGRES
    }

    final Engine engine;
    private final Path dir;
    private final String url;
    private final String pgSchema;
    private final List<Database> opened = new ArrayList<>();

    ContractStore(Engine engine, Path dir) throws SQLException {
        this.engine = engine;
        this.dir = dir;
        if (engine == Engine.SQLITE) {
            url = "jdbc:sqlite:" + dir.resolve("events.db").toAbsolutePath();
            pgSchema = null;
        } else {
            String schema = "tocsin_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(PG_BASE); var st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
            pgSchema = schema;
            url = PG_BASE + "&currentSchema=" + schema;
        }
    }

    /** Opens the store through the product (as many times as a test needs: each is like another node). */
    Database open() {
        Database d = engine == Engine.SQLITE ? Database.sqlite(dir.resolve("events.db")) : Database.postgres(url);
        opened.add(d);
        return d;
    }

    /** The store as the product's --db option names it (sqlite:PATH or jdbc:postgresql:…). */
    String databaseOption() {
        return engine == Engine.SQLITE ? "sqlite:" + dir.resolve("events.db").toAbsolutePath() : url;
    }

    /** A connection that bypasses the product entirely, as a tamperer (or a careless DBA) would use. */
    Connection raw() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
        opened.forEach(Database::close);
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(PG_BASE); var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + pgSchema + " CASCADE");
            }
        }
    }
}
