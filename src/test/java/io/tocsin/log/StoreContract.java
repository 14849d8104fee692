package io.tocsin.log;

import io.tocsin.db.Database;
import io.tocsin.domain.EventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The set-up every storage contract test shares: a fresh store on the engine the parameterised class runs with
 * (subclasses carry {@code @ParameterizedClass @EnumSource(ContractStore.Engine.class)}), the product's view of it
 * ({@link #db}, {@link #log}) and a raw JDBC connection that bypasses the product.
 */
abstract class StoreContract {
    static final Instant T0 = Instant.parse("2024-02-24T03:40:12.123456789Z");

    @Parameter
    ContractStore.Engine engine;

    @TempDir
    Path dir;

    ContractStore store;
    Database db;
    EventLog log;

    @BeforeEach
    void openAFreshStore() throws SQLException {
        store = new ContractStore(engine, dir);
        db = store.open();
        log = new JdbcEventLog(db);
    }

    @AfterEach
    void dropTheStore() throws SQLException {
        store.close();
    }

    /** Another handle on the same store, as a second node would open it. */
    Database open() {
        return store.open();
    }

    Connection raw() throws SQLException {
        return store.raw();
    }
}
