package io.tocsin.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Region history as a projection of the log: for every region an alert was declared for, the spans of time it
 * covered that region ({@link Coverage}). Folded event by event (on rebuild and after each commit), so an update that
 * moves, narrows or widens an alert closes and opens exactly the spans it should: UA-32 for 10 minutes then moved to
 * UA-46 is 10 minutes in UA-32's history and the rest in UA-46's. A query looks only at the region, its ancestors and
 * its parts, and in each only at spans that reach into the asked window.
 *
 * <p>One writer (the board's fold), readers on any thread: every structure a reader can reach is immutable or
 * append-only and published through a volatile write.
 */
final class RegionHistory {
    private static final Comparator<Coverage> BY_START = Comparator.comparing(Coverage::from)
            .thenComparing(c -> c.alert().id());

    private final RegionTree regions;
    private final Map<String, RegionLog> byRegion = new ConcurrentHashMap<>();
    /** Every span of each alert, per region code; immutable lists, replaced on each fold. */
    private final Map<String, List<Piece>> byAlert = new ConcurrentHashMap<>();

    RegionHistory(RegionTree regions) {
        this.regions = regions;
    }

    /** A span on one declared region code. */
    private record Piece(String code, Coverage coverage) {
    }

    /** Folds one version of an alert (issued, updated or ended) at the event's time. */
    void fold(Alert next, Instant at) {
        List<Piece> before = byAlert.getOrDefault(next.id(), List.of());
        Set<String> nowCovered = next.active() ? new LinkedHashSet<>(next.regions()) : Set.of();
        List<Piece> after = new ArrayList<>(before.size() + nowCovered.size());
        Set<String> stillOpen = new HashSet<>();
        for (Piece p : before) {
            Coverage c = p.coverage();
            if (!c.open()) {
                after.add(p);
            } else if (nowCovered.contains(p.code())) {
                // Still covered: the span goes on and shows the latest version.
                after.add(new Piece(p.code(), new Coverage(next, c.from(), null)));
                stillOpen.add(p.code());
            } else {
                // Ended, or an update took the region out: the span closes now. An update's span keeps the version
                // that covered the region; an end's span shows the end (its reason, e.g. a false alarm).
                Coverage closed = new Coverage(next.active() ? c.alert() : next, c.from(), at);
                after.add(new Piece(p.code(), closed));
                log(p.code()).close(closed);
            }
        }
        for (String code : nowCovered) {
            if (!stillOpen.contains(code)) {
                after.add(new Piece(code, new Coverage(next, at, null)));
                log(code).open(next.id());
            }
        }
        byAlert.put(next.id(), List.copyOf(after));
    }

    /**
     * Every alert that covered the region, one of its ancestors or one of its parts during [from, to): one entry per
     * continuous span (spans on several related codes that touch or overlap are one), in order of their start.
     */
    List<Coverage> history(String code, Instant from, Instant to) {
        Set<String> related = related(regions.require(code).code());
        Set<String> candidates = new LinkedHashSet<>();
        for (String r : related) {
            RegionLog log = byRegion.get(r);
            if (log != null) {
                log.touching(from, to, candidates);
            }
        }
        List<Coverage> out = new ArrayList<>();
        for (String id : candidates) {
            List<Coverage> spans = byAlert.getOrDefault(id, List.of()).stream()
                    .filter(p -> related.contains(p.code())).map(Piece::coverage).sorted(BY_START).toList();
            for (Coverage c : merge(spans)) {
                if (c.overlaps(from, to)) {
                    out.add(c);
                }
            }
        }
        out.sort(BY_START);
        return out;
    }

    /** The region itself, its ancestors and all its parts: what "touched the region" means. */
    private Set<String> related(String self) {
        Set<String> out = new HashSet<>();
        regions.chain(self).forEach(r -> out.add(r.code()));
        List<String> todo = new ArrayList<>(List.of(self));
        while (!todo.isEmpty()) {
            String c = todo.remove(todo.size() - 1);
            for (Region child : regions.children(c)) {
                if (out.add(child.code())) {
                    todo.add(child.code());
                }
            }
        }
        return out;
    }

    /** Joins spans (sorted by start) that overlap or touch; the joined span shows the latest version seen. */
    private static List<Coverage> merge(List<Coverage> spans) {
        List<Coverage> out = new ArrayList<>();
        Coverage cur = null;
        for (Coverage c : spans) {
            if (cur != null && (cur.open() || !c.from().isAfter(cur.to()))) {
                Instant end = cur.open() || c.open() ? null : (c.to().isAfter(cur.to()) ? c.to() : cur.to());
                Alert latest = c.alert().updatedAt().isAfter(cur.alert().updatedAt()) ? c.alert() : cur.alert();
                cur = new Coverage(latest, cur.from(), end);
            } else {
                if (cur != null) {
                    out.add(cur);
                }
                cur = c;
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }

    private RegionLog log(String code) {
        return byRegion.computeIfAbsent(code, k -> new RegionLog());
    }

    /**
     * One region's spans: the ids of alerts covering it now, and the closed spans in the order they closed. Each
     * closed span carries its {@code reach}, the latest end among it and all before it: non-decreasing even if the
     * clock stepped back, so a binary search finds the first span that can reach into a window.
     */
    private static final class RegionLog {
        private record Closed(Coverage coverage, Instant reach) {
        }

        /** Alerts covering the region now; a persistent set, so that adding one to 1,000 copies nothing. */
        private volatile PersistentMap<String, String> open = PersistentMap.empty(Comparator.naturalOrder());
        /** Slots below {@link #count} are never written again; the writer publishes by writing count last. */
        private volatile Closed[] closed = new Closed[4];
        private volatile int count;

        void open(String alertId) {
            open = open.put(alertId, alertId);
        }

        void close(Coverage c) {
            open = open.remove(c.alert().id());
            int n = count;
            Closed[] arr = closed;
            Instant reach = n == 0 || c.to().isAfter(arr[n - 1].reach()) ? c.to() : arr[n - 1].reach();
            if (n == arr.length) {
                Closed[] bigger = new Closed[n * 2];
                System.arraycopy(arr, 0, bigger, 0, n);
                arr = bigger;
            }
            arr[n] = new Closed(c, reach);
            closed = arr;
            count = n + 1;
        }

        /** Adds the ids of alerts whose span here reaches into [from, to). */
        void touching(Instant from, Instant to, Set<String> into) {
            int n = count;
            Closed[] arr = closed;
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (arr[mid].reach().isBefore(from)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int i = lo; i < n; i++) {
                if (arr[i].coverage().overlaps(from, to)) {
                    into.add(arr[i].coverage().alert().id());
                }
            }
            open.forEachValue(into::add);
        }
    }
}
