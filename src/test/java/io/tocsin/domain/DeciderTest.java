package io.tocsin.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeciderTest {
    static final RegionTree TREE = new RegionTree(List.of(
            new Region("UA", null, RegionKind.COUNTRY, null, "Україна", "Ukraine"),
            new Region("UA-71", "UA71", RegionKind.OBLAST, "UA", "Черкаська область", "Cherkaska oblast"),
            new Region("UA-46", "UA46", RegionKind.OBLAST, "UA", "Львівська область", "Lvivska oblast"),
            new Region("R-UMAN", "R-UMAN", RegionKind.RAION, "UA-71", "Уманський район", "Umanskyi raion"),
            new Region("H-UMAN", "H-UMAN", RegionKind.HROMADA, "R-UMAN", "Уманська", "Umanska"),
            new Region("H-OTHER", "H-OTHER", RegionKind.HROMADA, "R-UMAN", "Інша", "Insha")));
    static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    static final Actor ADMIN = new Actor("a1", "admin", Role.ADMIN, List.of());
    static final Actor CHERKASY = new Actor("o1", "cherkasy", Role.OPERATOR, List.of("UA-71"));
    static final Actor UMAN = new Actor("o2", "uman", Role.OPERATOR, List.of("R-UMAN"));

    final Decider decider = new Decider(TREE);
    final Board board = new Board(TREE);
    long seq;

    LoggedEvent apply(Event e) {
        LoggedEvent l = new LoggedEvent(++seq, e, "p", "h");
        board.apply(l);
        return l;
    }

    IssueAlert airRaid(String... regions) {
        return new IssueAlert(List.of(regions), Threat.AIR_RAID, null, Stage.ALERT, Status.ACTUAL, null, null);
    }

    @Test
    void aHromadaIsUnderAlertWhenItsOblastIs() {
        apply(decider.issue(board, ADMIN, airRaid("UA-71"), T0, "a"));
        assertThat(board.covering("H-UMAN")).extracting(Alert::id).containsExactly("a");
        assertThat(board.covering("UA-46")).isEmpty();
        assertThat(board.withinParts("UA-71")).isEmpty();
    }

    @Test
    void anAlertOnAHromadaCoversOnlyItButShowsAsAPartOfItsOblast() {
        apply(decider.issue(board, ADMIN, airRaid("H-UMAN"), T0, "a"));
        assertThat(board.covering("H-UMAN")).hasSize(1);
        assertThat(board.covering("H-OTHER")).isEmpty();
        assertThat(board.covering("UA-71")).isEmpty();
        assertThat(board.withinParts("UA-71")).extracting(Alert::id).containsExactly("a");
    }

    @Test
    void anAirRaidWithoutSubtypeIsUnspecifiedAndOtherThreatsHaveNone() {
        Event e = decider.issue(board, ADMIN, airRaid("UA-71"), T0, "a");
        assertThat(e.alert().subtype()).isEqualTo(Threat.Subtype.UNSPECIFIED);
        Event art = decider.issue(board, ADMIN, new IssueAlert(List.of("UA-71"), Threat.ARTILLERY, null, Stage.ALERT,
                Status.ACTUAL, null, null), T0, "b");
        assertThat(art.alert().subtype()).isEqualTo(Threat.Subtype.NONE);
    }

    @Test
    void anOperatorActsInsideItsScopeDownToHromadasAndNowhereElse() {
        assertThat(decider.issue(board, CHERKASY, airRaid("H-UMAN"), T0, "a").alert().regions()).containsExactly("H-UMAN");
        assertThat(decider.issue(board, UMAN, airRaid("H-OTHER"), T0, "b").alert().regions()).containsExactly("H-OTHER");
        assertThatThrownBy(() -> decider.issue(board, UMAN, airRaid("UA-71"), T0, "c"))
                .isInstanceOf(DomainException.class).extracting("problem").isEqualTo(Problem.OUT_OF_SCOPE);
        assertThatThrownBy(() -> decider.issue(board, CHERKASY, airRaid("UA-71", "UA-46"), T0, "d"))
                .extracting("problem").isEqualTo(Problem.OUT_OF_SCOPE);
    }

    @Test
    void anOperatorCannotEndAnAlertOutsideItsScope() {
        apply(decider.issue(board, ADMIN, airRaid("UA-46"), T0, "a"));
        assertThatThrownBy(() -> decider.end(board, CHERKASY, new EndAlert("a", EndReason.ALL_CLEAR), T0))
                .extracting("problem").isEqualTo(Problem.OUT_OF_SCOPE);
    }

    @Test
    void anIntegratorCannotWriteAlerts() {
        Actor integrator = new Actor("i", "int", Role.INTEGRATOR, List.of("UA"));
        assertThatThrownBy(() -> decider.issue(board, integrator, airRaid("UA-71"), T0, "a"))
                .extracting("problem").isEqualTo(Problem.FORBIDDEN);
    }

    @Test
    void theCountryExpandsToEveryOblastLevelUnit() {
        assertThat(decider.issue(board, ADMIN, airRaid("UA"), T0, "a").alert().regions())
                .containsExactlyInAnyOrder("UA-71", "UA-46");
    }

    @Test
    void anEndedAlertCannotBeEndedOrUpdatedAgainAndOperatorsCannotClaimExpiry() {
        apply(decider.issue(board, ADMIN, airRaid("UA-71"), T0, "a"));
        assertThatThrownBy(() -> decider.end(board, ADMIN, new EndAlert("a", EndReason.EXPIRED), T0))
                .extracting("problem").isEqualTo(Problem.INVALID_FIELD);
        apply(decider.end(board, ADMIN, new EndAlert("a", EndReason.FALSE_ALARM), T0.plusSeconds(5)));
        assertThat(board.find("a").orElseThrow().endReason()).isEqualTo(EndReason.FALSE_ALARM);
        assertThatThrownBy(() -> decider.end(board, ADMIN, new EndAlert("a", EndReason.ALL_CLEAR), T0))
                .extracting("problem").isEqualTo(Problem.INVALID_TRANSITION);
        assertThatThrownBy(() -> decider.update(board, ADMIN,
                new UpdateAlert("a", null, null, null, Stage.PRE_ALERT, null, null, false), T0))
                .extracting("problem").isEqualTo(Problem.INVALID_TRANSITION);
    }

    @Test
    void alertsExpireByThemselvesOnceTheirTimeComes() {
        apply(decider.issue(board, ADMIN, new IssueAlert(List.of("UA-71"), Threat.AIR_RAID, null, Stage.ALERT,
                Status.ACTUAL, null, T0.plusSeconds(60)), T0, "a"));
        assertThat(decider.expire(board, T0.plusSeconds(59))).isEmpty();
        List<Event> due = decider.expire(board, T0.plusSeconds(60));
        assertThat(due).singleElement().satisfies(e -> {
            assertThat(e.alert().endReason()).isEqualTo(EndReason.EXPIRED);
            assertThat(e.actor()).isEqualTo(Event.SYSTEM_ACTOR);
        });
    }

    @Test
    void anUpdateNeverChangesTheStatus() {
        apply(decider.issue(board, ADMIN, new IssueAlert(List.of("UA-71"), Threat.AIR_RAID, null, Stage.PRE_ALERT,
                Status.EXERCISE, null, null), T0, "a"));
        Event u = decider.update(board, ADMIN, new UpdateAlert("a", List.of("UA-46"), null, Threat.Subtype.DRONES,
                Stage.ALERT, null, null, false), T0.plusSeconds(1));
        assertThat(u.alert().status()).isEqualTo(Status.EXERCISE);
        assertThat(u.alert().regions()).containsExactly("UA-46");
        assertThat(u.alert().subtype()).isEqualTo(Threat.Subtype.DRONES);
    }

    @Test
    void anUpdateToAChemicalThreatIsHeldAndItsApprovalAppliesItAsAnUpdateOfTheVersionItWasMadeFrom() {
        apply(decider.issue(board, ADMIN, airRaid("UA-71"), T0, "a"));
        Event held = decider.update(board, CHERKASY, new UpdateAlert("a", null, Threat.CHEMICAL, null, null, null, null,
                false), T0.plusSeconds(1));
        assertThat(held.type()).isEqualTo(EventType.APPROVAL_REQUESTED);
        assertThat(held.alert().threat()).isEqualTo(Threat.CHEMICAL);
        assertThat(held.alert().updatedAt()).as("the version it was made from").isEqualTo(T0);
        apply(held);
        assertThat(board.find("a").orElseThrow().threat()).isEqualTo(Threat.AIR_RAID);
        assertThatThrownBy(() -> decider.approve(board, CHERKASY, "a", T0.plusSeconds(2)))
                .extracting("problem").isEqualTo(Problem.SELF_APPROVAL);

        List<Event> released = decider.approve(board, ADMIN, "a", T0.plusSeconds(2));
        assertThat(released).extracting(Event::type).containsExactly(EventType.APPROVAL_GRANTED, EventType.UPDATED);
        assertThat(released.get(1).alert().threat()).isEqualTo(Threat.CHEMICAL);
        assertThat(released.get(1).alert().updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(released.get(1).alert().issuedAt()).isEqualTo(T0);
        released.forEach(this::apply);
        assertThat(board.find("a").orElseThrow().threat()).isEqualTo(Threat.CHEMICAL);
        assertThat(board.pending()).isEmpty();

        // Approved: new texts or a narrower area of the same threat are no new decision.
        Event narrowed = decider.update(board, CHERKASY, new UpdateAlert("a", List.of("H-UMAN"), null, null, null,
                null, null, false), T0.plusSeconds(3));
        assertThat(narrowed.type()).isEqualTo(EventType.UPDATED);
        apply(narrowed);
        assertThat(decider.update(board, CHERKASY, new UpdateAlert("a", List.of("UA-71"), null, null, null, null,
                null, false), T0.plusSeconds(4)).type()).as("widening it back is")
                .isEqualTo(EventType.APPROVAL_REQUESTED);
    }
}
