package io.tocsin.app;

import io.tocsin.db.Database;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Event;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertDeskTest {
    static final Actor ADMIN = new Actor("a", "admin", Role.ADMIN, List.of());
    static final IssueAlert KYIV = new IssueAlert(List.of("UA-30"), Threat.AIR_RAID, null, Stage.ALERT, Status.ACTUAL,
            null, null);

    /** A log whose append commits and then reports a failure, as a driver may after a commit. */
    static final class CommitThenFail implements EventLog {
        final EventLog real;
        boolean failNext;

        CommitThenFail(EventLog real) {
            this.real = real;
        }

        @Override
        public LoggedEvent append(Event event) {
            LoggedEvent e = real.append(event);
            if (failNext) {
                failNext = false;
                throw new LogException("connection lost after commit", null);
            }
            return e;
        }

        @Override
        public List<LoggedEvent> after(long afterSeq, int limit) {
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
    void aCommitWhoseAcknowledgementIsLostStillReachesTheBoardAndTheStreams(@TempDir Path dir) {
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            CommitThenFail log = new CommitThenFail(new JdbcEventLog(db));
            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), Clock.systemUTC());
            List<Long> published = new ArrayList<>();
            desk.addSink(e -> published.add(e.seq()));
            desk.issue(ADMIN, KYIV);
            log.failNext = true;
            assertThatThrownBy(() -> desk.issue(ADMIN, KYIV)).isInstanceOf(LogException.class);
            assertThat(desk.board().lastSeq()).isEqualTo(2);
            assertThat(desk.board().active()).hasSize(2);
            assertThat(published).containsExactly(1L, 2L);
            desk.issue(ADMIN, KYIV);
            assertThat(published).containsExactly(1L, 2L, 3L);
        }
    }
}
