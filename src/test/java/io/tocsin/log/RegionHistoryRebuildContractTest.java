package io.tocsin.log;

import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Coverage;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import io.tocsin.domain.UpdateAlert;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region history projection is built from the log: folded as events commit, and rebuilt the same from the
 * stored events after a restart, on both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class RegionHistoryRebuildContractTest extends StoreContract {
    static final RegionTree TREE = Regions.catalog().tree();
    static final Actor OPERATOR = new Actor("op-1", "duty officer", Role.ADMIN, List.of());

    /** A clock the test moves: the desk stamps each event with it. */
    static final class StepClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void historyAfterMovingNarrowingAndWideningIsTheSameLiveAndAfterARebuildFromTheLog() {
        StepClock clock = new StepClock();
        AlertDesk live = new AlertDesk(log, TREE, clock);
        Instant t0 = clock.now;
        String moved = issue(live, "UA-32");
        String narrowed = issue(live, "UA-05", "UA-07");
        String widened = issue(live, "UA-12");
        clock.now = t0.plus(Duration.ofMinutes(10));
        Instant t10 = clock.now;
        update(live, moved, "UA-46");
        update(live, narrowed, "UA-07");
        update(live, widened, "UA-12", "UA-14");
        clock.now = t0.plus(Duration.ofMinutes(30));
        Instant t30 = clock.now;
        live.end(OPERATOR, new EndAlert(moved, EndReason.ALL_CLEAR));

        Instant from = t0.minus(Duration.ofHours(1));
        Instant to = t0.plus(Duration.ofHours(1));
        AlertDesk rebuilt = new AlertDesk(new JdbcEventLog(open()), TREE, clock);
        assertThat(rebuilt.rebuild()).isEqualTo(7);
        for (AlertDesk desk : List.of(live, rebuilt)) {
            assertThat(spans(desk, "UA-32", from, to)).containsExactly(List.of(t0, t10));
            assertThat(spans(desk, "UA-46", from, to)).containsExactly(List.of(t10, t30));
            assertThat(spans(desk, "UA-05", from, to)).containsExactly(List.of(t0, t10));
            assertThat(spans(desk, "UA-07", from, to)).containsExactly(java.util.Arrays.asList(t0, null));
            assertThat(spans(desk, "UA-12", from, to)).containsExactly(java.util.Arrays.asList(t0, null));
            assertThat(spans(desk, "UA-14", from, to)).containsExactly(java.util.Arrays.asList(t10, null));
        }
        assertThat(rebuilt.board().history("UA-46", from, to)).containsExactlyElementsOf(
                live.board().history("UA-46", from, to));
    }

    private static List<List<Instant>> spans(AlertDesk desk, String code, Instant from, Instant to) {
        return desk.board().history(code, from, to).stream()
                .map((Coverage c) -> java.util.Arrays.asList(c.from(), c.to())).toList();
    }

    private static String issue(AlertDesk desk, String... regions) {
        LoggedEvent e = desk.issue(OPERATOR, new IssueAlert(List.of(regions), Threat.AIR_RAID, null, Stage.ALERT,
                Status.ACTUAL, null, null));
        return e.event().alert().id();
    }

    private static void update(AlertDesk desk, String id, String... regions) {
        desk.update(OPERATOR, new UpdateAlert(id, List.of(regions), null, null, null, null, null, false));
    }
}
