package io.tocsin.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics computed from raw intervals the plain way, independently of the product: union by sorting, cut to the
 * window, buckets by walking Kyiv local time with ZonedDateTime (so DST change days are whatever java.time says).
 */
final class IndependentStats {
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    final int alerts;
    final long seconds;
    final long longest;
    final long median;
    final long[] byHour = new long[24];
    final long[] byWeekday = new long[7];
    final Map<String, Long> byMonth = new TreeMap<>();

    IndependentStats(List<Instant[]> rows, Instant from, Instant to) {
        List<Instant[]> in = rows.stream().filter(r -> r[0].isBefore(to) && r[1].isAfter(from))
                .sorted(Comparator.comparing((Instant[] r) -> r[0])).toList();
        alerts = in.size();
        List<Instant[]> union = new ArrayList<>();
        for (Instant[] r : in) {
            Instant[] last = union.isEmpty() ? null : union.get(union.size() - 1);
            if (last != null && !r[0].isAfter(last[1])) {
                if (r[1].isAfter(last[1])) {
                    last[1] = r[1];
                }
            } else {
                union.add(new Instant[]{r[0], r[1]});
            }
        }
        List<Long> lengths = new ArrayList<>();
        long total = 0;
        for (Instant[] u : union) {
            Instant a = u[0].isBefore(from) ? from : u[0];
            Instant b = u[1].isAfter(to) ? to : u[1];
            long s = Duration.between(a, b).getSeconds();
            lengths.add(s);
            total += s;
            ZonedDateTime t = a.atZone(KYIV);
            ZonedDateTime end = b.atZone(KYIV);
            while (t.isBefore(end)) {
                ZonedDateTime next = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                if (next.isAfter(end)) {
                    next = end;
                }
                long piece = Duration.between(t, next).getSeconds();
                byHour[t.getHour()] += piece;
                byWeekday[t.getDayOfWeek().getValue() - 1] += piece;
                byMonth.merge(YearMonth.from(t).toString(), piece, Long::sum);
                t = next;
            }
        }
        seconds = total;
        lengths.sort(null);
        int n = lengths.size();
        longest = n == 0 ? 0 : lengths.get(n - 1);
        median = n == 0 ? 0 : n % 2 == 1 ? lengths.get(n / 2) : (lengths.get(n / 2 - 1) + lengths.get(n / 2)) / 2;
    }
}
