package io.tocsin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh schema on the local PostgreSQL (127.0.0.1:5432, trust auth, database {@code test}) for each test, dropped
 * after it: {@code @RegisterExtension final PostgresSchema pg = new PostgresSchema("prefix")}. PostgreSQL is
 * required: without it the test fails in its set-up, it never skips.
 */
public final class PostgresSchema implements BeforeEachCallback, AfterEachCallback {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String prefix;
    private String name;

    public PostgresSchema(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + name);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    /** The schema's name (unique per test). */
    public String name() {
        return name;
    }

    /** A JDBC URL whose connections use this schema. */
    public String url() {
        return SERVER + "&currentSchema=" + name;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
