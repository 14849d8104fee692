package io.tocsin.app;

import io.tocsin.db.Database;
import io.tocsin.domain.Actor;
import io.tocsin.domain.CommitUnknownException;
import io.tocsin.domain.Event;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.OutcomeUnknownException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.log.LogException;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertDeskTest {
    static final Actor ADMIN = new Actor("a", "admin", Role.ADMIN, List.of());
    static final IssueAlert KYIV = new IssueAlert(List.of("UA-30"), Threat.AIR_RAID, null, Stage.ALERT, Status.ACTUAL,
            null, null);

    /**
     * A log whose append can lose its acknowledgement, as a driver may when the connection drops during the
     * commit: the commit happened (or, with {@code commitNothing}, did not) and the append throws
     * {@link CommitUnknownException} either way; reads can be made to fail too.
     */
    static final class LosesAcknowledgements implements EventLog {
        final EventLog real;
        boolean loseNext;
        boolean commitNothing;
        boolean readsFail;

        LosesAcknowledgements(EventLog real) {
            this.real = real;
        }

        @Override
        public List<LoggedEvent> appendAfter(long expectedHead, List<Event> events, IdempotencyKey key) {
            if (!loseNext) {
                return real.appendAfter(expectedHead, events, key);
            }
            loseNext = false;
            if (commitNothing) {
                long next = real.lastSeq() + 1;
                throw new CommitUnknownException(next, "hash-of-a-commit-that-never-happened", null);
            }
            LoggedEvent first = real.appendAfter(expectedHead, events, key).get(0);
            throw new CommitUnknownException(first.seq(), first.hash(), null);
        }

        @Override
        public List<LoggedEvent> settledAfter(long afterSeq, int limit) {
            if (readsFail) {
                throw new LogException("connection refused", null);
            }
            return real.settledAfter(afterSeq, limit);
        }

        @Override
        public Optional<IdempotencyKey.Stored> findIdempotent(IdempotencyKey key) {
            return real.findIdempotent(key);
        }

        @Override
        public int forgetIdempotencyKeys(long beforeEpochMilli) {
            return real.forgetIdempotencyKeys(beforeEpochMilli);
        }

        @Override
        public List<LoggedEvent> after(long afterSeq, int limit) {
            if (readsFail) {
                throw new LogException("connection refused", null);
            }
            return real.after(afterSeq, limit);
        }

        @Override
        public List<LoggedEvent> forAlert(String alertId) {
            return real.forAlert(alertId);
        }

        @Override
        public long lastSeq() {
            return real.lastSeq();
        }

        @Override
        public ChainCheck verify() {
            return real.verify();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aCommitWhoseAcknowledgementIsLostIsSettledFromTheLogAndAnsweredAsRecorded(@TempDir Path dir) {
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            LosesAcknowledgements log = new LosesAcknowledgements(new JdbcEventLog(db));
            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), Clock.systemUTC());
            List<Long> published = new ArrayList<>();
            desk.addSink(e -> published.add(e.seq()));
            desk.issue(ADMIN, KYIV);
            log.loseNext = true;

            LoggedEvent second = desk.issue(ADMIN, KYIV);

            assertThat(second.seq()).isEqualTo(2);
            assertThat(desk.board().lastSeq()).isEqualTo(2);
            assertThat(desk.board().active()).hasSize(2);
            assertThat(published).containsExactly(1L, 2L);
            desk.issue(ADMIN, KYIV);
            assertThat(published).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aLostAcknowledgementOfACommitThatDidNotHappenIsAnsweredNotRecorded(@TempDir Path dir) {
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            LosesAcknowledgements log = new LosesAcknowledgements(new JdbcEventLog(db));
            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), Clock.systemUTC());
            desk.issue(ADMIN, KYIV);
            log.loseNext = true;
            log.commitNothing = true;

            assertThatThrownBy(() -> desk.issue(ADMIN, KYIV)).isInstanceOf(NotRecordedException.class);
            assertThat(desk.board().lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void aLostAcknowledgementThatCannotBeSettledSaysTheOutcomeIsUnknownNeverNotRecorded(@TempDir Path dir) {
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            LosesAcknowledgements log = new LosesAcknowledgements(new JdbcEventLog(db));
            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), Clock.systemUTC());
            desk.settler.window = java.time.Duration.ofMillis(300);
            log.loseNext = true;
            log.readsFail = true;

            assertThatThrownBy(() -> desk.issue(ADMIN, KYIV)).isInstanceOfSatisfying(OutcomeUnknownException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.OUTCOME_UNKNOWN));
            assertThat(desk.behind()).isTrue();

            // Once the log answers again, the follower folds the event that was committed after all.
            log.readsFail = false;
            desk.followLog();
            assertThat(desk.behind()).isFalse();
            assertThat(desk.board().lastSeq()).isEqualTo(1);
        }
    }
}
