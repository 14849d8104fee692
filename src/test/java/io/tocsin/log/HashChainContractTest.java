package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tamper-evidence half of the event log contract: the hash chain, run
 * against both engines: embedded SQLite on a temporary file and PostgreSQL on 127.0.0.1:5432 in a fresh schema
 * per test. PostgreSQL is required: when it is absent these tests fail, they do not skip.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class HashChainContractTest extends StoreContract {

    // ---- the hash chain ----

    @Test
    void verifyReportsAGoodLogIntact() {
        for (int i = 0; i < 25; i++) {
            log.append(issued("a" + i, i));
        }

        assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(25, 0, "intact"));
    }

    @Test
    void changingThePayloadOfOneRowBreaksTheChainAtThatSeq() throws SQLException {
        for (int i = 0; i < 6; i++) {
            log.append(issued("a" + i, i));
        }

        int changed = update("UPDATE events SET payload = replace(payload, 'drones', 'cruise_missile') WHERE seq = 3");

        assertThat(changed).isEqualTo(1);
        EventLog.ChainCheck check = log.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.firstBrokenSeq()).isEqualTo(3);
        assertThat(check.checked()).isEqualTo(2);
        assertThat(check.reason()).contains("hash");
    }

    /** Every stored column is covered: whichever one is altered, verify names the row. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "payload = replace(payload, 'Загроза', 'Відбій')",
            "at = '2024-02-24T03:40:13Z'",
            "type = 'alert.updated'",
            "actor = 'someone-else'",
            "alert_id = 'another-alert'",
            "prev_hash = '" + "1111111111111111111111111111111111111111111111111111111111111111" + "'",
            "hash = '" + "2222222222222222222222222222222222222222222222222222222222222222" + "'"})
    void alteringAnyStoredColumnOfOneRowBreaksTheChainThere(String assignment) throws SQLException {
        for (int i = 0; i < 5; i++) {
            log.append(issued("a" + i, i));
        }

        assertThat(update("UPDATE events SET " + assignment + " WHERE seq = 3")).isEqualTo(1);

        EventLog.ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).as(check.toString()).isEqualTo(3);
        assertThat(check.checked()).isEqualTo(2);
    }

    @Test
    void deletingARowReportsTheGap() throws SQLException {
        for (int i = 0; i < 6; i++) {
            log.append(issued("a" + i, i));
        }

        assertThat(update("DELETE FROM events WHERE seq = 4")).isEqualTo(1);

        EventLog.ChainCheck check = log.verify();
        assertThat(check.firstBrokenSeq()).isEqualTo(4);
        assertThat(check.checked()).isEqualTo(3);
        assertThat(check.reason()).contains("seq 4 is missing");
    }

    @Test
    void deletingTheLastRowCannotBeSeenButTheNextAppendReusesItsSeq() throws SQLException {
        // A hash chain alone cannot prove the absence of its tail: that needs an anchor kept elsewhere, the signed
        // checkpoints (CheckpointTamperTest).
        for (int i = 0; i < 3; i++) {
            log.append(issued("a" + i, i));
        }
        update("DELETE FROM events WHERE seq = 3");

        assertThat(log.verify().intact()).isTrue();
        assertThat(log.append(issued("again", 9)).seq()).isEqualTo(3);
        assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(3, 0, "intact"));
    }


    private int update(String sql) throws SQLException {
        try (Connection c = raw(); PreparedStatement st = c.prepareStatement(sql)) {
            return st.executeUpdate();
        }
    }

    private static Event issued(String id, int i) {
        return EventLogContractTest.issued(id, i);
    }
}
