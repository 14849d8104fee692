package io.tocsin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A loop's walk over its subscribers is immune to what the subscribers do: a delivery that closes other subscribers
 * (as a cut-off or a vanished socket does, synchronously) or that throws affects no one else.
 */
class LoopHubMembershipTest {

    /** A sink that records the seqs it got and can be told to close others, or to fail, when it is written to. */
    private static final class ScriptedSink extends HotPathAllocationTest.CountingSink {
        final List<Long> got = new ArrayList<>();
        Runnable onWrite = () -> { };
        boolean fail;

        @Override
        public void write(Frame frame) {
            if (fail) {
                throw new IllegalStateException("socket in a state nobody expected");
            }
            super.write(frame);
            onWrite.run();
        }
    }

    private final LoopHub loop = new LoopHub(null, HotPathAllocationTest.TREE,
            new RegionIndex(HotPathAllocationTest.TREE, new ConcurrentHashMap<>()));

    private Subscriber subscribe(ScriptedSink sink, StreamFilter filter) {
        Subscriber s = new Subscriber(null, sink, filter, 0);
        s.goLive();
        loop.add(s);
        return s;
    }

    @Test
    void subscribersClosedDuringADeliveryDoNotMakeTheOthersMissIt() {
        List<ScriptedSink> sinks = new ArrayList<>();
        List<Subscriber> subs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ScriptedSink sink = new ScriptedSink();
            sinks.add(sink);
            subs.add(subscribe(sink, i % 2 == 0 ? StreamFilter.everything()
                    : new StreamFilter(List.of("UA-32"), null, java.util.Set.of(), java.util.Set.of(
                    io.tocsin.domain.Status.ACTUAL))));
        }
        // The first subscriber's write closes every fifth subscriber, as a cut-off of theirs would mid-walk.
        sinks.get(0).onWrite = () -> {
            for (int i = 5; i < subs.size(); i += 5) {
                Subscriber victim = subs.get(i);
                if (!victim.closed()) {
                    victim.markClosed();
                    loop.remove(victim);
                }
            }
        };

        int delivered = loop.dispatch(HotPathAllocationTest.encoded(1), s -> { }, (s, e) -> { });

        for (int i = 0; i < subs.size(); i++) {
            assertThat(sinks.get(i).frames).as("subscriber %d", i).isEqualTo(i % 5 == 0 && i > 0 ? 0 : 1);
        }
        assertThat(delivered).isEqualTo(30 - 5);
        assertThat(loop.size()).isEqualTo(25);
        // After the walk the closed ones are out of the index: the next event reaches exactly the 25 left.
        sinks.get(0).onWrite = () -> { };
        assertThat(loop.dispatch(HotPathAllocationTest.encoded(2), s -> { }, (s, e) -> { })).isEqualTo(25);
        assertThat(loop.open()).hasSize(25);
    }

    @Test
    void oneSubscribersExceptionIsContainedAndReported() {
        List<ScriptedSink> sinks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ScriptedSink sink = new ScriptedSink();
            sink.fail = i == 3;
            sinks.add(sink);
            subscribe(sink, StreamFilter.everything());
        }
        List<Subscriber> failed = new ArrayList<>();

        int delivered = loop.dispatch(HotPathAllocationTest.encoded(1), s -> { }, (s, e) -> {
            failed.add(s);
            s.markClosed();
            loop.remove(s);
        });

        assertThat(failed).hasSize(1);
        assertThat(delivered).isEqualTo(9);
        for (int i = 0; i < 10; i++) {
            assertThat(sinks.get(i).frames).isEqualTo(i == 3 ? 0 : 1);
        }
        assertThat(loop.dispatch(HotPathAllocationTest.encoded(2), s -> { }, (s, e) -> { })).isEqualTo(9);
    }
}
