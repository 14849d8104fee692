package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.db.Database;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.EventType;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one contract every {@link EventLog} must keep, run
 * against both engines: embedded SQLite on a temporary file and PostgreSQL on 127.0.0.1:5432 in a fresh schema
 * per test. PostgreSQL is required: when it is absent these tests fail, they do not skip.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class EventLogContractTest extends StoreContract {

    // ---- appending and reading ----

    @Test
    void appendsNumberFromOneAndEachLinksToThePreviousHash() {
        LoggedEvent first = log.append(issued("a1", 0));
        LoggedEvent second = log.append(issued("a2", 1));
        LoggedEvent third = log.append(issued("a3", 2));

        assertThat(List.of(first.seq(), second.seq(), third.seq())).containsExactly(1L, 2L, 3L);
        assertThat(first.prevHash()).isEqualTo("0".repeat(64)).isEqualTo(ChainHash.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(third.prevHash()).isEqualTo(second.hash());
        assertThat(List.of(first.hash(), second.hash(), third.hash()))
                .allMatch(h -> h.matches("[0-9a-f]{64}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void anEmptyLogHasLastSeqZeroReadsNothingAndVerifiesIntact() {
        assertThat(log.lastSeq()).isZero();
        assertThat(log.after(0, 100)).isEmpty();
        assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(0, 0, "intact"));
    }

    @Test
    void lastSeqIsTheHighestAppendedSeq() {
        for (int i = 0; i < 5; i++) {
            log.append(issued("a" + i, i));
        }

        assertThat(log.lastSeq()).isEqualTo(5);
    }

    @Test
    void afterPagesInSeqOrderAndRespectsTheLimit() {
        List<LoggedEvent> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            appended.add(log.append(issued("alert-" + i, i)));
        }

        assertThat(log.after(0, 5)).extracting(LoggedEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.after(5, 5)).extracting(LoggedEvent::seq).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(log.after(10, 5)).extracting(LoggedEvent::seq).containsExactly(11L, 12L);
        assertThat(log.after(12, 5)).isEmpty();
        assertThat(log.after(3, 1)).extracting(LoggedEvent::seq).containsExactly(4L);
        assertThat(log.after(0, 1000)).containsExactlyElementsOf(appended);

        List<LoggedEvent> paged = new ArrayList<>();
        long after = 0;
        for (List<LoggedEvent> page = log.after(after, 4); !page.isEmpty(); page = log.after(after, 4)) {
            assertThat(page).hasSizeLessThanOrEqualTo(4);
            paged.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        assertThat(paged).containsExactlyElementsOf(appended);
    }

    @Test
    void eventsRoundTripExactlyWithEveryFieldNullsAndUkrainianTexts() {
        Alert full = new Alert("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", List.of("UA-32", "UA-80", "UA-63"),
                Threat.AIR_RAID, Threat.Subtype.BALLISTIC_MISSILE, Stage.PRE_ALERT, Status.EXERCISE,
                new Texts("Загроза балістики — негайно в укриття!", "Ballistic missile threat",
                        "Ідіть до найближчого укриття. Не поширюйте фото й відео «прильотів»; ґанок, їжак, є, ї.",
                        "Go to the nearest shelter. Quotes \" and back\\slashes, tabs\tand\nnewlines survive."),
                "tok-admin-1", T0, T0.plusMillis(1500), T0.plus(Duration.ofHours(2)), T0.plusSeconds(3600),
                EndReason.FALSE_ALARM);
        Alert sparse = new Alert("sparse-1", List.of("UA-46"), Threat.ARTILLERY, Threat.Subtype.NONE, Stage.ALERT,
                Status.ACTUAL, Texts.EMPTY, null, T0, T0, null, null, null);
        Alert expired = new Alert("exp-1", List.of("UA-71"), Threat.INFO, Threat.Subtype.NONE, Stage.ALERT,
                Status.TEST, new Texts("Тест", "", "", "Test"), "tok-op-7", T0, T0.plusSeconds(60),
                T0.plusSeconds(60), T0.plusSeconds(60), EndReason.EXPIRED);

        List<LoggedEvent> appended = List.of(
                log.append(new Event(EventType.ENDED, T0.plusSeconds(3600), "tok-admin-1", full)),
                log.append(new Event(EventType.ISSUED, T0, "tok-op-Київ", sparse)),
                log.append(new Event(EventType.UPDATED, T0.plusNanos(1), Event.SYSTEM_ACTOR, expired)));

        List<LoggedEvent> read = log.after(0, 10);
        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(read.get(0).event().alert()).usingRecursiveComparison().isEqualTo(full);
        assertThat(read.get(0).event().alert().texts().instructionUk()).contains("«прильотів»; ґанок, їжак, є, ї");
        assertThat(read.get(1).event().alert().issuedBy()).isNull();
        assertThat(read.get(1).event().alert().expiresAt()).isNull();
        assertThat(read.get(1).event().alert().endedAt()).isNull();
        assertThat(read.get(1).event().alert().endReason()).isNull();
        assertThat(read.get(1).event().actor()).isEqualTo("tok-op-Київ");
        assertThat(read.get(2).event().at()).isEqualTo(T0.plusNanos(1));
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void forAlertReturnsEveryEventOfThatAlertInSeqOrderAndNothingForAnUnknownId() {
        LoggedEvent issuedA = log.append(issued("alert-a", 0));
        log.append(issued("alert-b", 1));
        Alert a = issuedA.event().alert();
        Alert ended = new Alert(a.id(), a.regions(), a.threat(), a.subtype(), a.stage(), a.status(), a.texts(),
                a.issuedBy(), a.issuedAt(), T0.plusSeconds(9), a.expiresAt(), T0.plusSeconds(9), EndReason.ALL_CLEAR);
        LoggedEvent endedA = log.append(new Event(EventType.ENDED, T0.plusSeconds(9), "tok-1", ended));

        assertThat(log.forAlert("alert-a")).containsExactly(issuedA, endedA);
        assertThat(log.forAlert("alert-b")).extracting(LoggedEvent::seq).containsExactly(2L);
        assertThat(log.forAlert("no-such-alert")).isEmpty();
    }

    @Test
    void appendAllGivesEventsThatBelongTogetherConsecutiveChainedSeqs() {
        LoggedEvent before = log.append(issued("before", 0));

        List<LoggedEvent> batch = log.appendAll(List.of(issued("b1", 1), issued("b2", 2), issued("b3", 3)));

        assertThat(batch).extracting(LoggedEvent::seq).containsExactly(2L, 3L, 4L);
        assertThat(batch.get(0).prevHash()).isEqualTo(before.hash());
        assertThat(batch.get(1).prevHash()).isEqualTo(batch.get(0).hash());
        assertThat(batch.get(2).prevHash()).isEqualTo(batch.get(1).hash());
        assertThat(log.after(0, 10)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of(before), batch.stream()).toList());
        assertThat(log.appendAll(List.of())).isEmpty();
        assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(4, 0, "intact"));
    }

    @Test
    void appendAllIsAllOrNothingWhenTheDatabaseRefusesOneOfTheEvents() throws SQLException {
        log.append(issued("before", 0));
        refuseInsertsOf("poison");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> log.appendAll(List.of(issued("granted", 1), issued("poison", 2))));

        assertThat(refused).isInstanceOf(NotRecordedException.class);
        assertThat(log.lastSeq()).isEqualTo(1);
        assertThat(log.after(0, 10)).extracting(e -> e.event().alert().id()).containsExactly("before");
        assertThat(log.append(issued("after", 3)).seq()).isEqualTo(2);
        assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(2, 0, "intact"));
    }

    @Test
    void aRefusedAppendStoresNothingAndTheLogCarriesOn() throws SQLException {
        log.append(issued("before", 0));
        refuseInsertsOf("poison");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> log.append(issued("poison", 1)));

        assertThat(refused).isInstanceOf(NotRecordedException.class);
        assertThat(log.lastSeq()).isEqualTo(1);
        assertThat(log.append(issued("after", 2)).seq()).isEqualTo(2);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void concurrentAppendsFromManyThreadsAndTwoNodesMakeAGapFreeCorrectlyChainedLog() throws Exception {
        // Two Database instances on the same store stand for two processes / nodes: only the database's own
        // locking (SQLite's write lock, PostgreSQL's advisory lock) keeps their appends serial.
        EventLog other = new JdbcEventLog(open());
        List<EventLog> logs = List.of(log, new JdbcEventLog(db), other);
        int threads = 6;
        int perThread = 20;
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<LoggedEvent>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                EventLog target = logs.get(t % logs.size());
                int thread = t;
                results.add(pool.submit((Callable<List<LoggedEvent>>) () -> {
                    start.await();
                    List<LoggedEvent> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        LoggedEvent e = target.append(issued("t" + thread + "-" + i, i));
                        mine.add(e);
                        seqs.add(e.seq());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<LoggedEvent> acknowledged = new ArrayList<>();
            for (Future<List<LoggedEvent>> f : results) {
                acknowledged.addAll(f.get(60, TimeUnit.SECONDS));
            }

            int total = threads * perThread;
            assertThat(seqs).hasSize(total);
            assertThat(log.lastSeq()).isEqualTo(total);
            List<LoggedEvent> all = log.after(0, total + 10);
            assertThat(all).extracting(LoggedEvent::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(all).containsExactlyInAnyOrderElementsOf(acknowledged);
            String prev = ChainHash.GENESIS;
            for (LoggedEvent e : all) {
                assertThat(e.prevHash()).as("prev_hash of seq %d", e.seq()).isEqualTo(prev);
                prev = e.hash();
            }
            assertThat(log.verify()).isEqualTo(new EventLog.ChainCheck(total, 0, "intact"));
            assertThat(other.verify().intact()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    private int update(String sql) throws SQLException {
        try (Connection c = raw(); PreparedStatement st = c.prepareStatement(sql)) {
            return st.executeUpdate();
        }
    }


    /** A database-side fault for one alert id (as a full disk or a lost connection would be), on either engine. */
    private void refuseInsertsOf(String alertId) throws SQLException {
        try (Connection c = raw(); var st = c.createStatement()) {
            if (engine == ContractStore.Engine.SQLITE) {
                st.execute("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.alert_id = '" + alertId
                        + "' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
            } else {
                st.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.alert_id = '" + alertId + "' THEN RAISE EXCEPTION 'refused by test'; END IF; "
                        + "RETURN NEW; END $$");
                st.execute("CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse()");
            }
        }
    }


    static Event issued(String id, int i) {
        Instant at = T0.plusSeconds(i);
        Alert a = new Alert(id, List.of("UA-32"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT, Status.ACTUAL,
                new Texts("Загроза ударних БпЛА", "Attack drone threat", "Пройдіть в укриття", "Go to a shelter"),
                "tok-1", at, at, null, null, null);
        return new Event(EventType.ISSUED, at, "tok-1", a);
    }
}
