package io.tocsin.domain;

import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exposure projection: per region and threat, the union of the spans of alerts on the region and on every region
 * above it, folded from live and imported events; an update that moves an alert shows in both regions.
 */
class ExposureProjectionTest {
    static final RegionTree TREE = Regions.catalog().tree();
    static final Instant T0 = Instant.parse("2024-03-01T01:00:00Z");
    final Board board = new Board(TREE);
    final Map<String, Alert> latest = new HashMap<>();
    long seq;

    @Test
    void aHromadaLivesThroughItsOblastsAlertsAndItsOwnMergedIntoOne() {
        String raion = TREE.children("UA-32").get(0).code();
        String hromada = TREE.children(raion).get(0).code();
        imported("h1", "UA-32", 0, 60);
        imported("h2", hromada, 30, 90); // overlaps the oblast's: one interval of 90 minutes, two alerts
        imported("h3", "UA-46", 0, 600); // elsewhere

        ExposureSpans s = board.exposure().of(hromada, Exposure.ALL);
        assertThat(s.intervals()).isEqualTo(1);
        assertThat(s.to(0) - s.from(0)).isEqualTo(Duration.ofMinutes(90).toMillis());
        assertThat(stats(hromada).alerts()).isEqualTo(2);
        assertThat(stats(hromada).seconds()).isEqualTo(90 * 60);
        assertThat(stats(raion).alerts()).isEqualTo(1);
        assertThat(stats(raion).seconds()).isEqualTo(60 * 60);
        // A sibling hromada with no alerts of its own shares its raion's exposure, not a copy of it.
        String sibling = TREE.children(raion).get(1).code();
        assertThat(board.exposure().of(sibling, Exposure.ALL)).isSameAs(board.exposure().of(raion, Exposure.ALL));
    }

    @Test
    void anUpdateThatMovesALiveAlertClosesItsSpanInOneRegionAndOpensItInTheOther() {
        issue("a", minutes(0), "UA-32");
        update("a", minutes(10), "UA-46");
        assertThat(stats("UA-32").seconds()).isEqualTo(600);
        assertThat(board.exposure().of("UA-46", Exposure.ALL).to(0)).isEqualTo(ExposureSpans.OPEN);
        end("a", minutes(30));
        assertThat(stats("UA-46").seconds()).isEqualTo(1200);
        assertThat(stats("UA-46").alerts()).isEqualTo(1);
        assertThat(stats("UA-32").alerts()).isEqualTo(1);
    }

    @Test
    void threatsAreKeptApartAndAllThreatsIsTheirUnion() {
        issue("a", minutes(0), "UA-32");
        end("a", minutes(20));
        Alert art = new Alert("b", List.of("UA-32"), Threat.ARTILLERY, Threat.ARTILLERY.normalise(null), Stage.ALERT,
                Status.ACTUAL, Texts.EMPTY, "op", minutes(10), minutes(10), null, null, null);
        fold(EventType.ISSUED, minutes(10), art);
        end("b", minutes(40));
        assertThat(ExposureStats.secondsIn(board.exposure().of("UA-32", "air_raid"), T0, minutes(60), minutes(60)))
                .isEqualTo(1200);
        assertThat(ExposureStats.secondsIn(board.exposure().of("UA-32", "artillery"), T0, minutes(60), minutes(60)))
                .isEqualTo(1800);
        assertThat(stats("UA-32").seconds()).isEqualTo(2400);
    }

    @Test
    void importedAlertsNeverReachTheBoardOrTheRegionHistory() {
        imported("h1", "UA-32", 0, 60);
        assertThat(board.active()).isEmpty();
        assertThat(board.find("h1")).isEmpty();
        assertThat(board.history("UA-32", T0.minusSeconds(60), minutes(120))).isEmpty();
        assertThat(board.lastSeq()).isEqualTo(1);
    }

    private ExposureStats stats(String code) {
        return ExposureStats.of(board.exposure().of(code, Exposure.ALL), T0.minus(Duration.ofDays(1)),
                minutes(24 * 60), minutes(24 * 60), java.time.ZoneId.of("Europe/Kyiv"));
    }

    private static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private void imported(String id, String code, long fromMinute, long toMinute) {
        Alert a = new Alert(id, List.of(code), Threat.AIR_RAID, Threat.Subtype.UNSPECIFIED, Stage.ALERT, Status.ACTUAL,
                Texts.EMPTY, "import:official", minutes(fromMinute), minutes(toMinute), null, minutes(toMinute),
                EndReason.ALL_CLEAR);
        fold(EventType.HISTORY_IMPORTED, Instant.now(), a);
    }

    private void issue(String id, Instant at, String... regions) {
        fold(EventType.ISSUED, at, new Alert(id, List.of(regions), Threat.AIR_RAID, Threat.AIR_RAID.normalise(null),
                Stage.ALERT, Status.ACTUAL, Texts.EMPTY, "op", at, at, null, null, null));
    }

    private void update(String id, Instant at, String... regions) {
        Alert old = latest.get(id);
        fold(EventType.UPDATED, at, new Alert(id, new ArrayList<>(List.of(regions)), old.threat(), old.subtype(),
                old.stage(), old.status(), old.texts(), old.issuedBy(), old.issuedAt(), at, null, null, null));
    }

    private void end(String id, Instant at) {
        fold(EventType.ENDED, at, latest.get(id).ended(at, EndReason.ALL_CLEAR));
    }

    private void fold(EventType type, Instant at, Alert a) {
        latest.put(a.id(), a);
        board.apply(new LoggedEvent(++seq, new Event(type, at, "op", a), "", ""));
    }
}
