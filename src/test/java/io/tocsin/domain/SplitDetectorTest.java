package io.tocsin.domain;

import static io.tocsin.domain.DeciderTest.T0;
import static io.tocsin.domain.DeciderTest.TREE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Pieces of a nationwide alert are issued at once and detected: with a bound of two oblast-level units (this tree
 * has two oblasts), the piece that makes one operator's active actual alerts cover both asks for a review.
 */
class SplitDetectorTest {
    static final Actor NATIONAL = new Actor("n1", "national", Role.OPERATOR, List.of("UA"));
    static final Actor OTHER = new Actor("n2", "other national", Role.OPERATOR, List.of("UA"));

    final Decider decider = new Decider(TREE, new ApprovalPolicy(2, Set.of(), Duration.ofMinutes(5)));
    final Board board = new Board(TREE);
    final Footprints footprints = new Footprints(TREE);
    long seq;

    List<Event> issue(Actor actor, String id, String region, Status status) {
        Event e = decider.issue(board, actor, new IssueAlert(List.of(region), Threat.AIR_RAID, null, Stage.ALERT,
                status, null, null), T0.plusSeconds(seq), id);
        return applied(decider.withReview(footprints, List.of(e)));
    }

    List<Event> applied(List<Event> events) {
        for (Event e : events) {
            LoggedEvent logged = new LoggedEvent(++seq, e, "p", "h");
            board.apply(logged);
            footprints.apply(logged);
        }
        return events;
    }

    static List<EventType> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    @Test
    void aRaionOrHromadaCountsAsItsOblastAndThePieceThatReachesTheBoundAsksForAReviewOnce() {
        assertThat(types(issue(NATIONAL, "a", "H-UMAN", Status.ACTUAL))).containsExactly(EventType.ISSUED);
        assertThat(types(issue(NATIONAL, "b", "R-UMAN", Status.ACTUAL))).as("still one oblast-level unit")
                .containsExactly(EventType.ISSUED);
        List<Event> crossing = issue(NATIONAL, "c", "UA-46", Status.ACTUAL);
        assertThat(types(crossing)).containsExactly(EventType.ISSUED, EventType.REVIEW_REQUESTED);
        assertThat(crossing.get(1).alert().id()).isEqualTo("c");
        assertThat(crossing.get(1).actor()).isEqualTo("n1");
        assertThat(board.active()).extracting(Alert::id).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(board.pending()).isEmpty();

        assertThat(types(issue(NATIONAL, "d", "UA-46", Status.ACTUAL))).as("already covered: nothing more to ask")
                .containsExactly(EventType.ISSUED);
        assertThat(decider.splits().wide(board)).singleElement().satisfies(f -> {
            assertThat(f.operator()).isEqualTo("n1");
            assertThat(f.oblasts()).containsExactlyInAnyOrder("UA-71", "UA-46");
            assertThat(f.alerts()).hasSize(4);
        });
        assertThat(footprints.covered("n1")).as("the fold agrees with a pass over the board").isEqualTo(2);
    }

    @Test
    void drillsAndOtherOperatorsPiecesDoNotAddUp() {
        assertThat(types(issue(NATIONAL, "a", "UA-71", Status.ACTUAL))).containsExactly(EventType.ISSUED);
        assertThat(types(issue(OTHER, "b", "UA-46", Status.ACTUAL))).containsExactly(EventType.ISSUED);
        assertThat(types(issue(NATIONAL, "c", "UA-46", Status.EXERCISE))).containsExactly(EventType.ISSUED);
        assertThat(decider.splits().wide(board)).isEmpty();
    }

    @Test
    void anUpdateCanCompleteASplitAndAfterFallingBelowTheNextCrossingAsksAgain() {
        issue(NATIONAL, "a", "UA-71", Status.ACTUAL);
        issue(NATIONAL, "b", "H-UMAN", Status.ACTUAL);
        Event moved = decider.update(board, NATIONAL, new UpdateAlert("b", List.of("UA-46"), null, null, null, null,
                null, false), T0.plusSeconds(10));
        assertThat(types(applied(decider.withReview(footprints, List.of(moved)))))
                .containsExactly(EventType.UPDATED, EventType.REVIEW_REQUESTED);
        applied(List.of(decider.end(board, NATIONAL, new EndAlert("a", EndReason.ALL_CLEAR), T0.plusSeconds(11))));
        assertThat(footprints.covered("n1")).isEqualTo(1);
        assertThat(types(issue(NATIONAL, "c", "R-UMAN", Status.ACTUAL)))
                .containsExactly(EventType.ISSUED, EventType.REVIEW_REQUESTED);
    }

    @Test
    void reviewRequestsGoToAdminsAndToOtherOperatorsWhoseScopeOverlapsNeverToThePublicOrTheOperatorItself() {
        Alert piece = issue(NATIONAL, "a", "UA-71", Status.ACTUAL).get(0).alert();
        Event review = new Event(EventType.REVIEW_REQUESTED, T0, "n1", piece);
        assertThat(SplitDetector.isReviewerOf(DeciderTest.ADMIN, review, TREE)).isTrue();
        assertThat(SplitDetector.isReviewerOf(OTHER, review, TREE)).isTrue();
        assertThat(SplitDetector.isReviewerOf(DeciderTest.UMAN, review, TREE)).as("a raion of the oblast").isTrue();
        assertThat(SplitDetector.isReviewerOf(new Actor("l", "lviv", Role.OPERATOR, List.of("UA-46")), review, TREE))
                .isFalse();
        assertThat(SplitDetector.isReviewerOf(NATIONAL, review, TREE)).as("the operator it is about").isFalse();
        assertThat(SplitDetector.isReviewerOf(new Actor("i", "int", Role.INTEGRATOR, List.of("UA")), review, TREE))
                .isFalse();
        assertThat(SplitDetector.isReviewerOf(null, review, TREE)).isFalse();
        assertThat(SplitDetector.isReviewerOf(DeciderTest.ADMIN, new Event(EventType.ISSUED, T0, "n1", piece), TREE))
                .as("only review requests").isFalse();
    }
}
