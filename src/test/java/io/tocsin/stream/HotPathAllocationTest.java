package io.tocsin.stream;

import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's promise of no per-subscriber allocation, checked as a property of the code rather than a timing:
 * the bytes the dispatching thread allocates to deliver one event must not grow with the number of subscribers.
 */
class HotPathAllocationTest {
    static final RegionTree TREE = Regions.catalog().tree();

    /** Counts writes, as a socket would take them: never congested, nothing kept. */
    static class CountingSink implements Sink {
        long frames;

        @Override
        public Transport transport() {
            return Transport.SSE;
        }

        @Override
        public void write(Frame frame) {
            frames++;
        }

        @Override
        public boolean congested() {
            return false;
        }

        @Override
        public void onDrained(Runnable then) {
            then.run();
        }

        @Override
        public void keepAlive() {
        }

        @Override
        public void close(Ending why, String detail) {
        }

        @Override
        public void onClose(Runnable then) {
        }
    }

    @Test
    void theBytesAllocatedToDeliverOneEventDoNotGrowWithTheNumberOfSubscribers() {
        // The first measurement in a JVM carries ~30 KB of one-time costs, so each size is measured twice and the
        // smaller figure kept.
        long few = Math.min(bytesToDeliverOneEvent(2_000), bytesToDeliverOneEvent(2_000));
        long many = Math.min(bytesToDeliverOneEvent(20_000), bytesToDeliverOneEvent(20_000));
        // Whatever one dispatch costs in fixed objects (a capturing lambda, bucket iterators, the JVM's own
        // bookkeeping), 18,000 more subscribers must add nothing: even one 16-byte object each would be 288 KB.
        assertThat(many - few).as("extra bytes for 18,000 extra subscribers (%d for 2,000, %d for 20,000)", few, many)
                .isLessThan(4_096);
    }

    /** Bytes the dispatching thread allocates to hand one (already encoded) event to n subscribers. */
    static long bytesToDeliverOneEvent(int n) {
        LoopHub loop = new LoopHub(null, TREE, new RegionIndex(TREE, new ConcurrentHashMap<>()));
        List<Region> kyivHromadas = TREE.ofKind(RegionKind.HROMADA).stream()
                .filter(h -> TREE.isSelfOrAncestor("UA-32", h.code())).toList();
        CountingSink[] sinks = new CountingSink[n];
        for (int i = 0; i < n; i++) {
            sinks[i] = new CountingSink();
            // Half want everything, the rest the oblast, one of its hromadas or a point in it, some only drones:
            // every index path and every check of the filter.
            String hromada = kyivHromadas.get(i % kyivHromadas.size()).code();
            Set<String> threats = i % 3 == 0 ? Set.of("air_raid:drones") : i % 3 == 1 ? Set.of("air_raid") : Set.of();
            StreamFilter f = switch (i % 8) {
                case 1, 5 -> new StreamFilter(List.of("UA-32"), null, threats, Set.of(Status.ACTUAL));
                case 3 -> new StreamFilter(List.of(hromada), null, threats, Set.of(Status.ACTUAL));
                case 7 -> new StreamFilter(List.of(), hromada, threats, Set.of(Status.ACTUAL));
                default -> StreamFilter.everything();
            };
            Subscriber s = new Subscriber(null, sinks[i], f, 0);
            s.goLive();
            loop.add(s);
        }
        long seq = 0;
        for (int warm = 0; warm < 3_000_000 / n; warm++) {
            assertThat(loop.dispatch(encoded(++seq), s -> { }, (s, x) -> { })).isEqualTo(n);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Encoded e = encoded(++seq);
        e.frame(Transport.SSE); // encoding happens once per event, not per subscriber: done before measuring
        long before = threads.getCurrentThreadAllocatedBytes();
        int delivered = loop.dispatch(e, s -> { }, (s, x) -> { });
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(delivered).isEqualTo(n);
        assertThat(sinks[n - 1].frames).isEqualTo(seq);
        return allocated;
    }

    static Encoded encoded(long seq) {
        Instant at = Instant.parse("2026-11-25T15:06:12Z");
        Alert a = new Alert("a-" + seq, List.of("UA-32"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT,
                Status.ACTUAL, new Texts("Загроза ударних БпЛА", "Attack drone threat", "", ""), "op", at, at, null,
                null, null);
        return new Encoded(new LoggedEvent(seq, new Event(EventType.ISSUED, at, "op", a), "p", "h"));
    }
}
