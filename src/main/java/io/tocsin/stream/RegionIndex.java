package io.tocsin.stream;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscribers bucketed by the region they named, so an event touches only the buckets of its regions' ancestors,
 * the regions themselves and their parts, not every subscriber. Used by the publishing thread and the event loops
 * that add and remove subscribers, hence concurrent sets.
 */
final class RegionIndex {
    private final RegionTree tree;
    private final Map<String, Set<Subscriber>> buckets = new ConcurrentHashMap<>();
    private final Set<Subscriber> everywhere = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> related = new ConcurrentHashMap<>();

    RegionIndex(RegionTree tree) {
        this.tree = tree;
    }

    void add(Subscriber s) {
        for (String code : keys(s.filter)) {
            buckets.computeIfAbsent(code, k -> ConcurrentHashMap.newKeySet()).add(s);
        }
        if (s.filter.everywhere()) {
            everywhere.add(s);
        }
    }

    void remove(Subscriber s) {
        for (String code : keys(s.filter)) {
            Set<Subscriber> b = buckets.get(code);
            if (b != null) {
                b.remove(s);
            }
        }
        everywhere.remove(s);
    }

    /** Calls {@code visit} for every subscriber that may want an alert on {@code regions} (a superset; may repeat). */
    void candidates(List<String> regions, java.util.function.Consumer<Subscriber> visit) {
        everywhere.forEach(visit);
        for (String r : regions) {
            for (String code : related.computeIfAbsent(r, this::relatedTo)) {
                Set<Subscriber> b = buckets.get(code);
                if (b != null) {
                    b.forEach(visit);
                }
            }
        }
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
