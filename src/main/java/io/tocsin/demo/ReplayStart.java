package io.tocsin.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a replay of a day starts. The demo's day is a Kyiv calendar day and its {@code --from} is Kyiv wall-clock
 * time, because that is how the history is remembered ("the strikes of 10 October began just after 7 in the
 * morning"), whatever the zone of the machine running the demo.
 */
public final class ReplayStart {
    public static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    private ReplayStart() {
    }

    /** The first instant of {@code day} in Kyiv. */
    public static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(KYIV).toInstant();
    }

    /** {@code time} on {@code day}, Kyiv wall-clock time (a time skipped by the spring change moves forward). */
    public static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(KYIV).toInstant();
    }

    /**
     * A busy moment of the day: the first instant at which at least half as many alerts were running as at the
     * day's peak. The first screen then already shows a good part of the day's alerts, and the rest of the wave
     * still arrives while one watches (starting at the peak itself would show mostly all-clears). The start of
     * the day when it had no alerts.
     *
     * @param records  the day's alerts ({@link AlertHistory#day}); those begun before {@code dayStart} count from it
     */
    public static Instant busiest(List<HistoryRecord> records, Instant dayStart) {
        record Change(Instant at, int delta) {
        }
        List<Change> changes = new ArrayList<>(2 * records.size());
        for (HistoryRecord r : records) {
            changes.add(new Change(r.startedAt().isBefore(dayStart) ? dayStart : r.startedAt(), +1));
            changes.add(new Change(r.finishedAt(), -1));
        }
        // Ends first at equal instants, as the replay orders them, so a hand-over is not counted as two alerts.
        changes.sort(Comparator.comparing(Change::at).thenComparingInt(Change::delta));
        int running = 0;
        int peak = 0;
        for (Change c : changes) {
            running += c.delta();
            peak = Math.max(peak, running);
        }
        running = 0;
        for (Change c : changes) {
            running += c.delta();
            if (peak > 0 && 2 * running >= peak) {
                return c.at();
            }
        }
        return dayStart;
    }
}
