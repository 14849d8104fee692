package io.tocsin.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exposure projection: for every region at every level and every threat, the merged intervals during which it
 * was under alert, counting alerts declared on the region itself or on any region above it — what a resident there
 * lived through. The one source of statistics, rankings and exports. Folded from actual alerts (issued, updated,
 * ended: an update that moves an alert closes its span on the region it left and opens one on the region it went
 * to) and from imported history.
 *
 * <p>Stored per declared region only (a few hundred regions ever have alerts of their own); a region's exposure is
 * its own spans merged onto its parent's, made on first read after a change and cached, so the 1,469 hromadas
 * of an oblast with no alerts of their own share their raion's. Folds are rare and short and hold {@link #lock};
 * reads copy what they need under it and merge outside it, so a statistics query never holds up an alert.
 */
public final class Exposure {
    /** The pseudo-threat of "all threats". */
    public static final String ALL = "*";

    private final RegionTree tree;
    private final Object lock = new Object();
    /** Closed spans per key (region code | threat wire or ALL). */
    private final Map<String, Spans> closed = new HashMap<>();
    /** Open spans per key: alert ordinal → start. */
    private final Map<String, Map<Integer, Long>> open = new HashMap<>();
    /** Per live alert: the keys it is open on now and since when. */
    private final Map<String, Map<String, Long>> openByAlert = new HashMap<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private volatile long generation;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long generation, ExposureSpans spans) {
    }

    /** A growable list of closed spans. */
    private static final class Spans {
        long[] from = new long[8];
        long[] to = new long[8];
        int[] alert = new int[8];
        int n;

        void add(long f, long t, int a) {
            if (n == from.length) {
                from = java.util.Arrays.copyOf(from, n * 2);
                to = java.util.Arrays.copyOf(to, n * 2);
                alert = java.util.Arrays.copyOf(alert, n * 2);
            }
            from[n] = f;
            to[n] = t;
            alert[n] = a;
            n++;
        }
    }

    public Exposure(RegionTree tree) {
        this.tree = tree;
    }

    /** True for the alerts that count as exposure: actual alerts at the alert stage (not drills, not pre-alerts). */
    static boolean counts(Alert a) {
        return a.status() == Status.ACTUAL && a.stage() == Stage.ALERT;
    }

    /** Folds an imported alert of the past: closed spans on each of its regions. */
    void foldImported(Alert a) {
        if (!counts(a) || a.endedAt() == null || !a.endedAt().isAfter(a.issuedAt())) {
            return;
        }
        synchronized (lock) {
            int ord = ordinal(a.id());
            long f = a.issuedAt().toEpochMilli();
            long t = a.endedAt().toEpochMilli();
            for (String code : a.regions()) {
                for (String key : keys(code, a.threat())) {
                    closed.computeIfAbsent(key, k -> new Spans()).add(f, t, ord);
                }
            }
            generation++;
        }
    }

    /** Folds a live version of an alert (issued, updated or ended) at the event's time. */
    void fold(Alert next, Instant at) {
        Map<String, Long> now = new HashMap<>();
        long t = at.toEpochMilli();
        synchronized (lock) {
            Map<String, Long> before = openByAlert.getOrDefault(next.id(), Map.of());
            if (before.isEmpty() && !(next.active() && counts(next))) {
                return;
            }
            int ord = ordinal(next.id());
            Set<String> wanted = new HashSet<>();
            if (next.active() && counts(next)) {
                next.regions().forEach(code -> wanted.addAll(keys(code, next.threat())));
            }
            for (Map.Entry<String, Long> e : before.entrySet()) {
                if (wanted.contains(e.getKey())) {
                    now.put(e.getKey(), e.getValue());
                } else {
                    open.get(e.getKey()).remove(ord);
                    if (t > e.getValue()) {
                        closed.computeIfAbsent(e.getKey(), k -> new Spans()).add(e.getValue(), t, ord);
                    }
                }
            }
            for (String key : wanted) {
                if (!now.containsKey(key)) {
                    now.put(key, t);
                    open.computeIfAbsent(key, k -> new HashMap<>()).put(ord, t);
                }
            }
            if (now.isEmpty()) {
                openByAlert.remove(next.id());
            } else {
                openByAlert.put(next.id(), now);
            }
            generation++;
        }
    }

    /**
     * The exposure of a region to one threat ({@link Threat#wire()}) or to all ({@link #ALL}): its ancestors' and its
     * own alert spans, and their union.
     */
    public ExposureSpans of(String code, String threat) {
        Region r = tree.require(code);
        String key = r.code() + "|" + threat;
        long gen = generation;
        Cached c = cache.get(key);
        if (c != null && c.generation() == gen) {
            return c.spans();
        }
        ExposureSpans parent = r.parentCode() == null ? ExposureSpans.EMPTY : of(r.parentCode(), threat);
        long[] f;
        long[] t;
        int[] a;
        synchronized (lock) {
            Spans s = closed.get(key);
            Map<Integer, Long> o = open.getOrDefault(key, Map.of());
            int n = (s == null ? 0 : s.n) + o.size();
            f = new long[n];
            t = new long[n];
            a = new int[n];
            int k = 0;
            if (s != null) {
                System.arraycopy(s.from, 0, f, 0, s.n);
                System.arraycopy(s.to, 0, t, 0, s.n);
                System.arraycopy(s.alert, 0, a, 0, s.n);
                k = s.n;
            }
            for (Map.Entry<Integer, Long> e : o.entrySet()) {
                f[k] = e.getValue();
                t[k] = ExposureSpans.OPEN;
                a[k] = e.getKey();
                k++;
            }
        }
        // Merged outside the lock; a region with no alerts of its own shares its parent's exposure.
        ExposureSpans spans = f.length == 0 ? parent : parent.with(f, t, a);
        cache.put(key, new Cached(gen, spans));
        return spans;
    }

    /** The regions that have alerts of their own (for tests and the rankings' cost). */
    public List<String> declaredRegions() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            closed.keySet().forEach(k -> out.add(k.substring(0, k.indexOf('|'))));
            open.keySet().forEach(k -> out.add(k.substring(0, k.indexOf('|'))));
            return out.stream().distinct().toList();
        }
    }

    private static List<String> keys(String code, Threat threat) {
        return List.of(code + "|" + threat.wire(), code + "|" + ALL);
    }

    private int ordinal(String alertId) {
        return ordinals.computeIfAbsent(alertId, k -> ordinals.size());
    }
}
