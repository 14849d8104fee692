package io.tocsin.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Alert;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;

/**
 * The alert picture as gauges: active alerts by threat and status, pending two-person requests, the board's seq and
 * whether the desk may be behind the log. Everything is read from the board's snapshot when Prometheus scrapes, never
 * when an event is folded: the write path pays nothing for its metrics. The counts of one snapshot are made once and
 * shared by the 18 threat × status gauges of that scrape.
 */
public final class BoardMeters {
    private final AlertDesk desk;
    private BoardSnapshot counted;
    private int[] counts = new int[Threat.values().length * Status.values().length];

    private BoardMeters(AlertDesk desk) {
        this.desk = desk;
    }

    public static void bind(AlertDesk desk, MeterRegistry metrics) {
        BoardMeters m = new BoardMeters(desk);
        for (Threat t : Threat.values()) {
            for (Status s : Status.values()) {
                int slot = slot(t, s);
                // The gauges hold the BoardMeters strongly: Micrometer would otherwise let it be collected.
                Gauge.builder("tocsin_alerts_active", m, bm -> bm.countsNow()[slot])
                        .description("Active alerts on this node's board, by threat and status (exercise and test "
                                + "alerts are never actual)")
                        .tag("threat", t.wire()).tag("status", s.wire()).strongReference(true).register(metrics);
            }
        }
        Gauge.builder("tocsin_approvals_pending", m, bm -> bm.desk.board().snapshot().pendingCount())
                .description("Two-person requests waiting for a second operator's approval")
                .strongReference(true).register(metrics);
        Gauge.builder("tocsin_board_seq", m, bm -> bm.desk.board().lastSeq())
                .description("Seq of the last event folded into this node's board (compare with tocsin_log_head_seq)")
                .strongReference(true).register(metrics);
        Gauge.builder("tocsin_desk_behind", m, bm -> bm.desk.behind() ? 1 : 0)
                .description("1 while the board may be behind the event log (the last read of the log failed; "
                        + "/ready answers 503), else 0")
                .strongReference(true).register(metrics);
    }

    /** The counts of the current snapshot, made on the first gauge read after the board moved. */
    private synchronized int[] countsNow() {
        BoardSnapshot now = desk.board().snapshot();
        if (now != counted) {
            int[] fresh = new int[counts.length];
            for (Alert a : now.active()) {
                fresh[slot(a.threat(), a.status())]++;
            }
            counts = fresh;
            counted = now;
        }
        return counts;
    }

    private static int slot(Threat t, Status s) {
        return t.ordinal() * Status.values().length + s.ordinal();
    }
}
