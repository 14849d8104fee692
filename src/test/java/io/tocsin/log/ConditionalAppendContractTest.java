package io.tocsin.log;

import static io.tocsin.log.EventLogContractTest.issued;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.domain.EventLog;
import io.tocsin.domain.HeadMovedException;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log's side of "no decision on a stale board": appends conditional on the head, the idempotency keys stored with
 * the events, and the settled read that decides a lost commit acknowledgement — on SQLite and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class ConditionalAppendContractTest extends StoreContract {

    @Test
    void anAppendConditionalOnAStaleHeadIsRefusedAndStoresNothing() {
        log.append(issued("a1", 0));
        log.append(issued("a2", 1));

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> log.appendAfter(1, List.of(issued("decided-on-seq-1", 2)), null));

        assertThat(refused).isInstanceOfSatisfying(HeadMovedException.class, moved -> {
            assertThat(moved.expected()).isEqualTo(1);
            assertThat(moved.actual()).isEqualTo(2);
        });
        assertThat(log.lastSeq()).isEqualTo(2);
        assertThat(log.appendAfter(2, List.of(issued("decided-on-seq-2", 3)), null)).extracting(LoggedEvent::seq)
                .containsExactly(3L);
    }

    @Test
    void twoNodesDecidingOnTheSameHeadRecordExactlyOneDecision() throws Exception {
        log.append(issued("a1", 0));
        EventLog other = new JdbcEventLog(open());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> won = new ArrayList<>();
            for (EventLog node : List.of(log, other)) {
                won.add(pool.submit(() -> {
                    start.await();
                    try {
                        node.appendAfter(1, List.of(issued("decision", 1)), null);
                        return true;
                    } catch (HeadMovedException lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            assertThat(List.of(won.get(0).get(30, TimeUnit.SECONDS), won.get(1).get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
            assertThat(log.lastSeq()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdempotencyKeyIsStoredWithItsEventsAndCannotBeRecordedTwice() {
        IdempotencyKey key = new IdempotencyKey("tok-1", "k-1", "fp-1");
        List<LoggedEvent> first = log.appendAfter(0, List.of(issued("a1", 0), issued("a2", 1)), key);

        assertThat(log.findIdempotent(key)).contains(new IdempotencyKey.Stored("fp-1", first.get(0).seq(), 2));
        assertThat(log.findIdempotent(new IdempotencyKey("tok-2", "k-1", "fp-1"))).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> log.appendAfter(2, List.of(issued("again", 2)), new IdempotencyKey("tok-1", "k-1", "fp-2"))))
                .isInstanceOf(EventLog.IdempotencyKeyTaken.class);
        assertThat(log.lastSeq()).isEqualTo(2);

        assertThat(log.forgetIdempotencyKeys(System.currentTimeMillis() - 60_000)).isZero();
        assertThat(log.forgetIdempotencyKeys(System.currentTimeMillis() + 60_000)).isEqualTo(1);
        assertThat(log.findIdempotent(key)).isEmpty();
    }

    @Test
    void aSettledReadSeesWhatWasCommitted() {
        log.append(issued("a1", 0));
        log.append(issued("a2", 1));

        assertThat(log.settledAfter(1, 10)).extracting(LoggedEvent::seq).containsExactly(2L);
        assertThat(log.settledAfter(2, 10)).isEmpty();
    }

}
