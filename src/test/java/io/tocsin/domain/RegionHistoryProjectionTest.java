package io.tocsin.domain;

import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Region history is a projection of the log: per region, the spans of time each alert covered it. Updates that move,
 * narrow or widen an alert close and open exactly the right spans; the hierarchy counts both ways.
 */
class RegionHistoryProjectionTest {
    static final RegionTree TREE = Regions.catalog().tree();
    static final Instant T0 = Instant.parse("2024-03-01T01:00:00Z");
    static final Instant T10 = T0.plus(Duration.ofMinutes(10));
    static final Instant T30 = T0.plus(Duration.ofMinutes(30));
    static final Instant FROM = T0.minus(Duration.ofHours(1));
    static final Instant TO = T0.plus(Duration.ofHours(1));

    final Board board = new Board(TREE);
    long seq;

    @Test
    void anAlertMovedFromOneOblastToAnotherShowsTenMinutesInTheFirstAndTheRestInTheSecond() {
        issue("a", T0, "UA-32");
        update("a", T10, "UA-46");
        end("a", T30, EndReason.ALL_CLEAR);

        assertThat(board.history("UA-32", FROM, TO)).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(T0);
            assertThat(c.to()).isEqualTo(T10);
            assertThat(c.alert().regions()).containsExactly("UA-32"); // as it was while it covered UA-32
        });
        assertThat(board.history("UA-46", FROM, TO)).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(T10);
            assertThat(c.to()).isEqualTo(T30);
            assertThat(c.alert().endReason()).isEqualTo(EndReason.ALL_CLEAR);
        });
    }

    @Test
    void whileAMovedAlertIsStillActiveTheNewRegionsSpanIsOpen() {
        issue("a", T0, "UA-32");
        update("a", T10, "UA-46");

        assertThat(board.history("UA-32", FROM, TO)).singleElement()
                .satisfies(c -> assertThat(c.to()).isEqualTo(T10));
        assertThat(board.history("UA-46", FROM, TO)).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(T10);
            assertThat(c.open()).isTrue();
        });
    }

    @Test
    void narrowingClosesOnlyTheRegionTakenOut() {
        issue("a", T0, "UA-32", "UA-46");
        update("a", T10, "UA-46");
        end("a", T30, EndReason.FALSE_ALARM);

        assertThat(board.history("UA-32", FROM, TO)).singleElement()
                .satisfies(c -> assertThat(List.of(c.from(), c.to())).containsExactly(T0, T10));
        assertThat(board.history("UA-46", FROM, TO)).singleElement().satisfies(c -> {
            assertThat(List.of(c.from(), c.to())).containsExactly(T0, T30);
            assertThat(c.alert().endReason()).isEqualTo(EndReason.FALSE_ALARM);
        });
    }

    @Test
    void wideningKeepsOneSpanForTheRegionThatStaysAndOpensOneForTheNewRegion() {
        issue("a", T0, "UA-32");
        update("a", T10, "UA-32", "UA-46");
        end("a", T30, EndReason.ALL_CLEAR);

        assertThat(board.history("UA-32", FROM, TO)).singleElement()
                .satisfies(c -> assertThat(List.of(c.from(), c.to())).containsExactly(T0, T30));
        assertThat(board.history("UA-46", FROM, TO)).singleElement()
                .satisfies(c -> assertThat(List.of(c.from(), c.to())).containsExactly(T10, T30));
    }

    @Test
    void aHromadasHistoryHoldsAlertsOnItsRaionAndOblastAndAnOblastsHoldsAlertsOnItsParts() {
        Region raion = TREE.children("UA-32").get(0);
        Region hromada = TREE.children(raion.code()).get(0);
        issue("on-oblast", T0, "UA-32");
        issue("on-raion", T0.plusSeconds(1), raion.code());
        issue("on-hromada", T0.plusSeconds(2), hromada.code());
        issue("elsewhere", T0.plusSeconds(3), "UA-46");

        assertThat(board.history(hromada.code(), FROM, TO)).extracting(c -> c.alert().id())
                .containsExactly("on-oblast", "on-raion", "on-hromada");
        assertThat(board.history("UA-32", FROM, TO)).extracting(c -> c.alert().id())
                .containsExactly("on-oblast", "on-raion", "on-hromada");
        assertThat(board.history("UA-46", FROM, TO)).extracting(c -> c.alert().id()).containsExactly("elsewhere");
    }

    @Test
    void anAlertMovedFromAHromadaToItsOblastIsOneUnbrokenSpanForTheHromada() {
        Region hromada = TREE.children(TREE.children("UA-32").get(0).code()).get(0);
        issue("a", T0, hromada.code());
        update("a", T10, "UA-32");
        end("a", T30, EndReason.ALL_CLEAR);

        assertThat(board.history(hromada.code(), FROM, TO)).singleElement()
                .satisfies(c -> assertThat(List.of(c.from(), c.to())).containsExactly(T0, T30));
    }

    @Test
    void anAlertMovedAwayAndBackShowsTwoSpans() {
        issue("a", T0, "UA-32");
        update("a", T10, "UA-46");
        update("a", T10.plus(Duration.ofMinutes(5)), "UA-32");
        end("a", T30, EndReason.ALL_CLEAR);

        assertThat(board.history("UA-32", FROM, TO)).extracting(c -> List.of(c.from(), c.to()))
                .containsExactly(List.of(T0, T10), List.of(T10.plus(Duration.ofMinutes(5)), T30));
    }

    @Test
    void onlySpansThatReachIntoTheWindowAreAnswered() {
        issue("early", T0, "UA-32");
        end("early", T10, EndReason.ALL_CLEAR);
        issue("late", T30, "UA-32");

        assertThat(board.history("UA-32", T10.plusSeconds(1), T30)).isEmpty();
        assertThat(board.history("UA-32", T10, T30)).extracting(c -> c.alert().id()).containsExactly("early");
        assertThat(board.history("UA-32", T10.plusSeconds(1), T30.plusSeconds(1)))
                .extracting(c -> c.alert().id()).containsExactly("late");
    }

    @Test
    void aClockThatSteppedBackDoesNotHideEarlierSpans() {
        issue("a", T0, "UA-32");
        issue("b", T0, "UA-32");
        end("a", T30, EndReason.ALL_CLEAR);
        end("b", T10, EndReason.ALL_CLEAR); // closed after a, at an earlier time

        assertThat(board.history("UA-32", T10, T10.plusSeconds(1))).extracting(c -> c.alert().id())
                .containsExactlyInAnyOrder("a", "b");
    }

    // ---- folding events as the log would carry them ----

    private final java.util.Map<String, Alert> latest = new java.util.HashMap<>();

    private void issue(String id, Instant at, String... regions) {
        Alert a = new Alert(id, List.of(regions), Threat.AIR_RAID, Threat.AIR_RAID.normalise(null), Stage.ALERT,
                Status.ACTUAL, Texts.EMPTY, "op", at, at, null, null, null);
        fold(EventType.ISSUED, at, a);
    }

    private void update(String id, Instant at, String... regions) {
        Alert old = latest.get(id);
        fold(EventType.UPDATED, at, new Alert(id, List.of(regions), old.threat(), old.subtype(), old.stage(),
                old.status(), old.texts(), old.issuedBy(), old.issuedAt(), at, null, null, null));
    }

    private void end(String id, Instant at, EndReason reason) {
        fold(EventType.ENDED, at, latest.get(id).ended(at, reason));
    }

    private void fold(EventType type, Instant at, Alert a) {
        latest.put(a.id(), a);
        board.apply(new LoggedEvent(++seq, new Event(type, at, "op", a), "", ""));
    }
}
