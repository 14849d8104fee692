package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.db.Database;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import io.tocsin.domain.UpdateAlert;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.support.MovableClock;
import io.tocsin.support.Regions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server restates an ongoing alert before its CAP horizon lapses: a real alert.updated event by the system, durable
 * before it is published, made once however many processes share the log, and never while a held update waits.
 */
class AlertRenewalTest {
    static final Actor ADMIN = new Actor("a", "admin", Role.ADMIN, List.of());
    static final Duration HORIZON = Duration.ofHours(6);

    static MovableClock clock() {
        return MovableClock.fixedAt(Instant.parse("2026-03-01T08:00:00Z"));
    }

    static IssueAlert issue(String region, Instant expires) {
        return new IssueAlert(List.of(region), Threat.AIR_RAID, null, Stage.ALERT, Status.ACTUAL, null, expires);
    }

    @Test
    void anAlertIsRestatedOnceHalfItsHorizonAfterItsLatestVersionAndTheRestatementIsPublishedDurable(@TempDir Path dir) {
        MovableClock clock = clock();
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            JdbcEventLog log = new JdbcEventLog(db);
            AlertDesk desk = new AlertDesk(log, Regions.catalog().tree(), clock);
            List<LoggedEvent> published = new ArrayList<>();
            // What a sink sees is already in the log: it is published after the append returned.
            desk.addSink(e -> {
                assertThat(log.after(e.seq() - 1, 1)).extracting(LoggedEvent::seq).containsExactly(e.seq());
                published.add(e);
            });
            String open = desk.issue(ADMIN, issue("UA-46", null)).event().alert().id();
            desk.issue(ADMIN, issue("UA-12", clock.instant().plus(Duration.ofHours(4))));
            clock.advance(HORIZON.dividedBy(2).minusSeconds(1));
            assertThat(desk.renewDue(HORIZON)).as("not yet due").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            List<LoggedEvent> renewed = desk.renewDue(HORIZON);
            assertThat(renewed).singleElement().satisfies(e -> {
                assertThat(e.event().type()).isEqualTo(EventType.UPDATED);
                assertThat(e.event().actor()).isEqualTo(Event.SYSTEM_ACTOR);
                assertThat(e.event().alert().id()).isEqualTo(open);
                assertThat(e.event().alert().updatedAt()).isEqualTo(clock.instant());
                assertThat(e.event().alert().regions()).containsExactly("UA-46");
            });
            assertThat(published).last().isEqualTo(renewed.get(0));
            assertThat(desk.renewDue(HORIZON)).as("renewed once").isEmpty();
            clock.advance(HORIZON.dividedBy(2));
            assertThat(desk.renewDue(HORIZON)).as("again half a horizon after the restatement").hasSize(1);
        }
    }

    @Test
    void twoProcessesOnOneLogRenewAnAlertOnce(@TempDir Path dir) {
        MovableClock clock = clock();
        try (Database a = Database.sqlite(dir.resolve("t.db")); Database b = Database.sqlite(dir.resolve("t.db"))) {
            AlertDesk one = new AlertDesk(new JdbcEventLog(a), Regions.catalog().tree(), clock);
            AlertDesk two = new AlertDesk(new JdbcEventLog(b), Regions.catalog().tree(), clock);
            one.issue(ADMIN, issue("UA-46", null));
            two.followLog();
            clock.advance(HORIZON);
            int renewals = one.renewDue(HORIZON).size() + two.renewDue(HORIZON).size();
            assertThat(renewals).isEqualTo(1);
            assertThat(new JdbcEventLog(a).after(0, 10)).hasSize(2);
        }
    }

    @Test
    void anAlertWithAHeldUpdateWaitsForTheDecision(@TempDir Path dir) {
        MovableClock clock = clock();
        try (Database db = Database.sqlite(dir.resolve("t.db"))) {
            // Requests that wait longer than the horizon, so the request is still pending when the renewal is due.
            AlertDesk desk = new AlertDesk(new JdbcEventLog(db), Regions.catalog().tree(), clock,
                    new io.tocsin.domain.ApprovalPolicy(10, java.util.Set.of(), HORIZON.multipliedBy(2)));
            String id = desk.issue(ADMIN, issue("UA-46", null)).event().alert().id();
            List<String> ten = List.of("UA-46", "UA-07", "UA-26", "UA-61", "UA-21", "UA-05", "UA-56", "UA-18",
                    "UA-68", "UA-77");
            LoggedEvent held = desk.update(ADMIN, new UpdateAlert(id, ten, null, null, null, null, null, false));
            assertThat(held.event().type()).isEqualTo(EventType.APPROVAL_REQUESTED);
            // A renewal would move the version the held update must be released onto (409 on approval).
            clock.advance(HORIZON);
            assertThat(desk.renewDue(HORIZON)).isEmpty();
            assertThat(desk.board().pending(id)).isPresent();
        }
    }
}
