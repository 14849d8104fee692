package io.tocsin.stream;

import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class RegionIndexTest {
    static final RegionTree TREE = Regions.catalog().tree();

    @Test
    void forEachVisitsEverySubscriberExactlyOnceWhateverBucketsItSitsIn() {
        RegionIndex index = new RegionIndex(TREE, new ConcurrentHashMap<>());
        String hromada = TREE.ofKind(io.tocsin.domain.RegionKind.HROMADA).get(0).code();
        List<Subscriber> all = List.of(
                subscriber(StreamFilter.everything()),
                subscriber(filter(List.of("UA-32"), null)),
                subscriber(filter(List.of("UA-32", "UA-46", "UA-80"), null)),
                subscriber(filter(List.of("UA-46", "UA-32"), null)),
                subscriber(filter(List.of(), hromada)),
                subscriber(filter(List.of("UA-63"), hromada)));
        all.forEach(index::add);

        List<Subscriber> visited = new ArrayList<>();
        index.forEach(visited::add);

        assertThat(visited).containsExactlyInAnyOrderElementsOf(all);
    }

    static StreamFilter filter(List<String> regions, String point) {
        return new StreamFilter(regions, point, Set.of(), Set.of(Status.ACTUAL));
    }

    static Subscriber subscriber(StreamFilter f) {
        return new Subscriber(null, new HotPathAllocationTest.CountingSink(), f, 0);
    }
}
