package io.tocsin.region;

import io.tocsin.domain.NameKey;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import io.tocsin.startup.Deferred;

/**
 * Finds regions by name, in Ukrainian or English, case- and apostrophe-insensitive, by prefix of the name or of a
 * word in it: oblasts, raions and hromadas, and settlements (cities, towns, villages), which resolve to their
 * hromada. Ranking: names equal to the query first, then by level (oblast, raion, hromada, settlement; cities
 * before towns before villages), then shorter names.
 */
public final class RegionSearch {
    /** A match: the region to use, and the settlement it was found through (null when the region's own name). */
    public record Hit(Region region, Settlement via) {
    }

    private record Entry(String keyUk, String keyEn, int rank, Region region, Settlement via) {
        String name() {
            return via != null ? via.nameUk() : region.nameUk();
        }
    }

    private final RegionTree tree;
    private final Deferred<List<Entry>> entries;

    RegionSearch(RegionTree tree, List<Settlement> settlements) {
        this.tree = tree;
        this.entries = Deferred.done("the name index", index(tree, settlements));
    }

    private RegionSearch(RegionTree tree, Supplier<List<Settlement>> settlements) {
        this.tree = tree;
        this.entries = Deferred.of("the name index", () -> index(tree, settlements.get()));
    }

    /**
     * A search whose index (some 31,000 names, normalised in two languages) is built when
     * {@link #loadInBackground()} is called (a server does once it listens) or by the first search, which waits.
     */
    static RegionSearch deferred(RegionTree tree, Supplier<List<Settlement>> settlements) {
        return new RegionSearch(tree, settlements);
    }

    /** Starts building the index on a background thread, unless that has begun; returns at once. */
    public void loadInBackground() {
        entries.start();
    }

    private static List<Entry> index(RegionTree tree, List<Settlement> settlements) {
        List<Entry> all = new ArrayList<>(tree.size() + settlements.size());
        for (Region r : tree.all()) {
            if (r.parentCode() != null) {
                all.add(new Entry(NameKey.of(r.nameUk()), NameKey.of(r.nameEn()), r.kind().ordinal(), r, null));
            }
        }
        for (Settlement s : settlements) {
            tree.find(s.hromada()).ifPresent(h -> all.add(new Entry(NameKey.of(s.nameUk()), NameKey.of(s.nameEn()),
                    10 + s.kind().ordinal(), h, s)));
        }
        return List.copyOf(all);
    }

    /** Up to {@code limit} matches for {@code query}; a code (UA-46, ua46…) finds its region first. */
    public List<Hit> search(String query, int limit) {
        String q = NameKey.of(query);
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<Hit> out = new ArrayList<>();
        tree.find(query).ifPresent(r -> out.add(new Hit(r, null)));
        List<Entry> exact = new ArrayList<>();
        List<Entry> prefix = new ArrayList<>();
        for (Entry e : entries.get()) {
            if (e.keyUk().equals(q) || e.keyEn().equals(q)) {
                exact.add(e);
            } else if (NameKey.wordPrefix(e.keyUk(), q) || NameKey.wordPrefix(e.keyEn(), q)) {
                prefix.add(e);
            }
        }
        Comparator<Entry> order = Comparator.comparingInt(Entry::rank).thenComparingInt(e -> e.name().length())
                .thenComparing(Entry::name);
        exact.sort(order);
        prefix.sort(order);
        for (List<Entry> group : List.of(exact, prefix)) {
            for (Entry e : group) {
                if (out.size() >= limit) {
                    return out;
                }
                if (e.via() == null && !out.isEmpty() && out.get(0).via() == null && out.get(0).region().equals(e.region())) {
                    continue; // found by its code already
                }
                out.add(new Hit(e.region(), e.via()));
            }
        }
        return out;
    }
}
