package io.tocsin.domain;

import java.util.Arrays;

/**
 * What a resident of one region lived through for one threat (or all): every alert span that covered the region
 * or an ancestor ({@code span*}, sorted by start, each naming its alert by ordinal), and their union as disjoint
 * intervals ({@code from}/{@code to}, sorted). Times are epoch milliseconds; an open span or interval ends at
 * {@link #OPEN}. Immutable.
 */
public final class ExposureSpans {
    public static final long OPEN = Long.MAX_VALUE;
    static final ExposureSpans EMPTY = new ExposureSpans(new long[0], new long[0], new int[0]);

    final long[] spanFrom;
    final long[] spanTo;
    final int[] spanAlert;
    final long[] from;
    final long[] to;

    /** Takes the spans sorted by start (the arrays are kept, not copied). */
    ExposureSpans(long[] spanFrom, long[] spanTo, int[] spanAlert) {
        this.spanFrom = spanFrom;
        this.spanTo = spanTo;
        this.spanAlert = spanAlert;
        long[] f = new long[spanFrom.length];
        long[] t = new long[spanFrom.length];
        int n = 0;
        for (int i = 0; i < spanFrom.length; i++) {
            if (n > 0 && spanFrom[i] <= t[n - 1]) {
                // Overlapping or touching: one interval under alert, not two.
                t[n - 1] = Math.max(t[n - 1], spanTo[i]);
            } else {
                f[n] = spanFrom[i];
                t[n] = spanTo[i];
                n++;
            }
        }
        this.from = Arrays.copyOf(f, n);
        this.to = Arrays.copyOf(t, n);
    }

    /** These spans and {@code own} (any order) together, sorted by start. */
    ExposureSpans with(long[] ownFrom, long[] ownTo, int[] ownAlert) {
        int n = spanFrom.length;
        int m = ownFrom.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ownFrom[a], ownFrom[b]));
        long[] f = new long[n + m];
        long[] t = new long[n + m];
        int[] a = new int[n + m];
        int i = 0;
        int j = 0;
        for (int k = 0; k < n + m; k++) {
            if (j >= m || (i < n && spanFrom[i] <= ownFrom[order[j]])) {
                f[k] = spanFrom[i];
                t[k] = spanTo[i];
                a[k] = spanAlert[i];
                i++;
            } else {
                int o = order[j++];
                f[k] = ownFrom[o];
                t[k] = ownTo[o];
                a[k] = ownAlert[o];
            }
        }
        return new ExposureSpans(f, t, a);
    }

    /** The number of merged intervals. */
    public int intervals() {
        return from.length;
    }

    /** Start of merged interval {@code i}, epoch ms. */
    public long from(int i) {
        return from[i];
    }

    /** End of merged interval {@code i}, epoch ms, or {@link #OPEN}. */
    public long to(int i) {
        return to[i];
    }

    /** The first merged interval that ends after {@code t} (binary search; intervals are disjoint and sorted). */
    public int firstEndingAfter(long t) {
        int lo = 0;
        int hi = to.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (to[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
