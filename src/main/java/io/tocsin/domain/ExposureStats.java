package io.tocsin.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statistics of one region's exposure over a window [from, to): how many alerts (not merged intervals) reached it,
 * the time under alert (the union, so two alerts at once count once), the longest and median merged interval (each
 * cut to the window), and the time under alert per local hour of the day, per weekday (Monday first) and per month,
 * all in the given zone (Europe/Kyiv for the API), and per weekday × hour (the heat map). An interval still open
 * ends at {@code now}.
 *
 * <p>Seconds are whole: millisecond sums divided down at the end, so buckets add up to the total to within a
 * second per bucket (history data has whole seconds and adds up exactly).
 */
public record ExposureStats(int alerts, long seconds, long longestSeconds, long medianSeconds, long[] byHour,
                            long[] byWeekday, Map<String, Long> byMonth, long[][] byWeekdayHour) {
    private static final long HOUR = 3_600_000L;

    public static ExposureStats of(ExposureSpans s, Instant from, Instant to, Instant now, ZoneId zone) {
        long lo = from.toEpochMilli();
        long hi = Math.min(to.toEpochMilli(), now.toEpochMilli());
        ZoneRules rules = zone.getRules();
        long[] hour = new long[24];
        long[] weekday = new long[7];
        long[][] grid = new long[7][24];
        Map<String, Long> month = new LinkedHashMap<>();
        if (hi > lo) {
            YearMonth last = YearMonth.from(LocalDateTime.ofInstant(Instant.ofEpochMilli(hi - 1), zone));
            for (YearMonth m = YearMonth.from(LocalDateTime.ofInstant(from, zone)); !m.isAfter(last); m = m.plusMonths(1)) {
                month.put(m.toString(), 0L);
            }
        }
        long[] durations = new long[s.intervals()];
        int n = 0;
        long total = 0;
        long[] monthMs = new long[month.size()];
        String[] monthKeys = month.keySet().toArray(new String[0]);
        long offsetMs = 0;
        long offsetUntil = Long.MIN_VALUE;
        int curYm = -1;
        int curMonth = -1;
        for (int i = s.firstEndingAfter(lo); i < s.intervals() && s.from(i) < hi; i++) {
            long a = Math.max(lo, s.from(i));
            long b = Math.min(hi, s.to(i));
            if (b <= a) {
                continue;
            }
            durations[n++] = b - a;
            total += b - a;
            // Walk the interval local hour by local hour: each piece lies in one hour, one weekday, one month.
            for (long t = a; t < b; ) {
                if (t >= offsetUntil) {
                    offsetMs = rules.getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
                    var tr = rules.nextTransition(Instant.ofEpochMilli(t));
                    offsetUntil = tr == null ? Long.MAX_VALUE : tr.getInstant().toEpochMilli();
                }
                long local = t + offsetMs;
                // The next local hour, or the offset change if that comes first (never inside an hour in Kyiv).
                long next = Math.min(Math.min(b, t - Math.floorMod(local, HOUR) + HOUR), offsetUntil);
                LocalDateTime l = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000L), 0, ZoneOffset.UTC);
                long piece = next - t;
                hour[l.getHour()] += piece;
                weekday[l.getDayOfWeek().getValue() - 1] += piece;
                grid[l.getDayOfWeek().getValue() - 1][l.getHour()] += piece;
                int ym = l.getYear() * 12 + l.getMonthValue() - 1;
                if (ym != curYm) {
                    curYm = ym;
                    curMonth = monthIndex(monthKeys, l);
                }
                if (curMonth >= 0) {
                    monthMs[curMonth] += piece;
                }
                t = next;
            }
        }
        long[] d = Arrays.copyOf(durations, n);
        Arrays.sort(d);
        long longest = n == 0 ? 0 : d[n - 1];
        long median = n == 0 ? 0 : n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
        for (int i = 0; i < monthKeys.length; i++) {
            month.put(monthKeys[i], monthMs[i] / 1000);
        }
        return new ExposureStats(alerts(s, lo, hi), total / 1000, longest / 1000, median / 1000, seconds(hour),
                seconds(weekday), month, new long[][]{seconds(grid[0]), seconds(grid[1]), seconds(grid[2]),
                seconds(grid[3]), seconds(grid[4]), seconds(grid[5]), seconds(grid[6])});
    }

    /** The {@code n} longest merged intervals in [from, to), cut to it, longest first: {from, to} epoch ms. */
    public static java.util.List<long[]> longest(ExposureSpans s, Instant from, Instant to, Instant now, int n) {
        long lo = from.toEpochMilli();
        long hi = Math.min(to.toEpochMilli(), now.toEpochMilli());
        java.util.PriorityQueue<long[]> top = new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(x -> x[1] - x[0]));
        for (int i = s.firstEndingAfter(lo); i < s.intervals() && s.from(i) < hi; i++) {
            long a = Math.max(lo, s.from(i));
            long b = Math.min(hi, s.to(i));
            if (b > a) {
                top.add(new long[]{a, b});
                if (top.size() > n) {
                    top.poll();
                }
            }
        }
        java.util.List<long[]> out = new java.util.ArrayList<>(top);
        out.sort(java.util.Comparator.comparingLong((long[] x) -> x[1] - x[0]).reversed());
        return out;
    }

    /** Distinct alerts with a span overlapping [lo, hi): one alert on a region and its oblast counts once. */
    static int alerts(ExposureSpans s, long lo, long hi) {
        BitSet seen = new BitSet();
        int count = 0;
        for (int i = 0; i < s.spanFrom.length && s.spanFrom[i] < hi; i++) {
            if (s.spanTo[i] > lo && !seen.get(s.spanAlert[i])) {
                seen.set(s.spanAlert[i]);
                count++;
            }
        }
        return count;
    }

    /** Seconds under alert in [lo, hi) alone: what a ranking needs, without the buckets. */
    public static long secondsIn(ExposureSpans s, Instant from, Instant to, Instant now) {
        long lo = from.toEpochMilli();
        long hi = Math.min(to.toEpochMilli(), now.toEpochMilli());
        long total = 0;
        for (int i = s.firstEndingAfter(lo); i < s.intervals() && s.from(i) < hi; i++) {
            total += Math.max(0, Math.min(hi, s.to(i)) - Math.max(lo, s.from(i)));
        }
        return total / 1000;
    }

    /** Distinct alerts in [from, to) alone. */
    public static int alertsIn(ExposureSpans s, Instant from, Instant to, Instant now) {
        return alerts(s, from.toEpochMilli(), Math.min(to.toEpochMilli(), now.toEpochMilli()));
    }

    private static int monthIndex(String[] keys, LocalDateTime l) {
        String k = YearMonth.from(l).toString();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(k)) {
                return i;
            }
        }
        return -1;
    }

    private static long[] seconds(long[] ms) {
        long[] out = new long[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = ms[i] / 1000;
        }
        return out;
    }
}
