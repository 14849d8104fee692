package io.tocsin.domain;

import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The board publishes one immutable snapshot per fold: a reader's list and seq belong together and never move. */
class BoardSnapshotTest {
    static final Instant T0 = Instant.parse("2024-03-01T01:00:00Z");

    final Board board = new Board(Regions.catalog().tree());
    long seq;

    @Test
    void aSnapshotKeepsItsListAndSeqWhileLaterEventsFold() {
        Alert a = issue("a", T0, "UA-32");
        BoardSnapshot before = board.snapshot();

        issue("b", T0.plusSeconds(1), "UA-46");
        fold(EventType.ENDED, a.ended(T0.plusSeconds(2), EndReason.ALL_CLEAR));

        assertThat(before.seq()).isEqualTo(1);
        assertThat(before.active()).extracting(Alert::id).containsExactly("a");
        assertThat(before.covering("UA-32")).extracting(Alert::id).containsExactly("a");
        BoardSnapshot after = board.snapshot();
        assertThat(after.seq()).isEqualTo(3);
        assertThat(after.active()).extracting(Alert::id).containsExactly("b");
        assertThat(after.covering("UA-32")).isEmpty();
    }

    @Test
    void pendingRequestsAreInTheSnapshotOfTheirSeq() {
        Alert proposed = alert("p", T0, "UA-32");
        fold(EventType.APPROVAL_REQUESTED, proposed);
        BoardSnapshot requested = board.snapshot();
        fold(EventType.APPROVAL_GRANTED, proposed);
        fold(EventType.ISSUED, proposed);

        assertThat(requested.seq()).isEqualTo(1);
        assertThat(requested.pending("p")).isPresent();
        assertThat(requested.active()).isEmpty();
        assertThat(board.snapshot().pending()).isEmpty();
        assertThat(board.snapshot().active()).extracting(Alert::id).containsExactly("p");
        assertThat(board.snapshot().seq()).isEqualTo(3);
    }

    @Test
    void anEventThatChangesNoAlertStillMovesTheSeq() {
        Alert a = issue("a", T0, "UA-32");
        fold(EventType.REVIEW_REQUESTED, a);

        assertThat(board.snapshot().seq()).isEqualTo(2);
        assertThat(board.snapshot().active()).containsExactly(a);
    }

    @Test
    void activeAlertsAreListedInIssueOrderAndAnUpdateKeepsTheirPlace() {
        issue("c", T0.plusSeconds(2), "UA-32");
        Alert a = issue("a", T0, "UA-32");
        issue("b", T0.plusSeconds(1), "UA-46");
        fold(EventType.UPDATED, new Alert("a", List.of("UA-05"), a.threat(), a.subtype(), Stage.PRE_ALERT,
                a.status(), a.texts(), a.issuedBy(), a.issuedAt(), T0.plusSeconds(5), null, null, null));

        assertThat(board.snapshot().active()).extracting(Alert::id).containsExactly("a", "b", "c");
        assertThat(board.snapshot().active("a").orElseThrow().stage()).isEqualTo(Stage.PRE_ALERT);
        assertThat(board.snapshot().activeCount()).isEqualTo(3);
    }

    @Test
    void thePersistentMapAgreesWithATreeMapUnderRandomChangesAndOldVersionsStayIntact() {
        Random random = new Random(17);
        TreeMap<Integer, Integer> expected = new TreeMap<>();
        PersistentMap<Integer, Integer> map = PersistentMap.empty(Comparator.naturalOrder());
        List<PersistentMap<Integer, Integer>> versions = new ArrayList<>();
        List<List<Integer>> versionValues = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int k = random.nextInt(2_000);
            if (random.nextInt(3) == 0) {
                expected.remove(k);
                map = map.remove(k);
            } else {
                expected.put(k, i);
                map = map.put(k, i);
            }
            if (i % 1000 == 0) {
                versions.add(map);
                versionValues.add(List.copyOf(expected.values()));
            }
            assertThat(map.size()).isEqualTo(expected.size());
        }
        assertThat(map.values()).containsExactlyElementsOf(expected.values());
        for (int k = 0; k < 2_000; k++) {
            assertThat(map.get(k)).isEqualTo(expected.get(k));
        }
        for (int v = 0; v < versions.size(); v++) {
            assertThat(versions.get(v).values()).containsExactlyElementsOf(versionValues.get(v));
        }
    }

    private Alert issue(String id, Instant at, String... regions) {
        Alert a = alert(id, at, regions);
        fold(EventType.ISSUED, a);
        return a;
    }

    private static Alert alert(String id, Instant at, String... regions) {
        return new Alert(id, List.of(regions), Threat.AIR_RAID, Threat.AIR_RAID.normalise(null), Stage.ALERT,
                Status.ACTUAL, Texts.EMPTY, "op", at, at, null, null, null);
    }

    private void fold(EventType type, Alert a) {
        board.apply(new LoggedEvent(++seq, new Event(type, a.updatedAt(), "op", a), "", ""), Duration.ofMinutes(5));
    }
}
