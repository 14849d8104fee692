package io.tocsin.stream;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One event loop's subscribers, bucketed by the region they named, so an event touches only the buckets of its
 * regions' ancestors, the regions themselves and their parts. Subscribers that want everything sit in a plain
 * array list (the hot path of a nationwide fan-out: a straight loop, no hashing). Single-threaded: used only on its
 * loop.
 */
final class RegionIndex {
    private final RegionTree tree;
    private final Map<String, Set<Subscriber>> buckets = new HashMap<>();
    private final ArrayList<Subscriber> everywhere = new ArrayList<>();
    private final Map<String, List<String>> related;

    RegionIndex(RegionTree tree, Map<String, List<String>> relatedCache) {
        this.tree = tree;
        this.related = relatedCache;
    }

    void add(Subscriber s) {
        if (s.filter.everywhere()) {
            s.slot = everywhere.size();
            everywhere.add(s);
            return;
        }
        for (String code : keys(s.filter)) {
            buckets.computeIfAbsent(code, k -> new HashSet<>()).add(s);
        }
    }

    void remove(Subscriber s) {
        if (s.filter.everywhere()) {
            int i = s.slot;
            if (i >= 0 && i < everywhere.size() && everywhere.get(i) == s) {
                Subscriber last = everywhere.remove(everywhere.size() - 1);
                if (last != s) {
                    everywhere.set(i, last);
                    last.slot = i;
                }
            }
            s.slot = -1;
            return;
        }
        for (String code : keys(s.filter)) {
            Set<Subscriber> b = buckets.get(code);
            if (b != null && b.remove(s) && b.isEmpty()) {
                buckets.remove(code);
            }
        }
    }

    /** Calls {@code visit} for every subscriber that may want an alert on {@code regions} (a superset; may repeat). */
    void candidates(List<String> regions, Consumer<Subscriber> visit) {
        for (int i = 0, n = everywhere.size(); i < n; i++) {
            visit.accept(everywhere.get(i));
        }
        if (buckets.isEmpty()) {
            return;
        }
        for (String r : regions) {
            for (String code : related.computeIfAbsent(r, this::relatedTo)) {
                Set<Subscriber> b = buckets.get(code);
                if (b != null) {
                    b.forEach(visit);
                }
            }
        }
    }

    /**
     * Every subscriber once. Runs every second for keep-alives: a subscriber in several buckets is visited only
     * from its home bucket, so nothing is collected to remove repeats.
     */
    void forEach(Consumer<Subscriber> visit) {
        everywhere.forEach(visit);
        buckets.forEach((code, b) -> b.forEach(s -> {
            if (code.equals(homeKey(s.filter))) {
                visit.accept(s);
            }
        }));
    }

    /** One of the filter's bucket keys, the same every time. */
    private static String homeKey(StreamFilter f) {
        return f.regions().isEmpty() ? f.pointRegion() : f.regions().get(0);
    }

    /** The region, its ancestors and all its parts: every bucket an alert on it can concern. */
    private List<String> relatedTo(String code) {
        List<String> out = new ArrayList<>();
        tree.chain(code).forEach(r -> out.add(r.code()));
        List<Region> stack = new ArrayList<>(tree.children(code));
        while (!stack.isEmpty()) {
            Region r = stack.remove(stack.size() - 1);
            out.add(r.code());
            stack.addAll(tree.children(r.code()));
        }
        return List.copyOf(out);
    }

    private static Set<String> keys(StreamFilter f) {
        Set<String> keys = new HashSet<>(f.regions());
        if (f.pointRegion() != null) {
            keys.add(f.pointRegion());
        }
        return keys;
    }
}
