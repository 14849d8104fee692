package io.tocsin.demo;

import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Replays a real day through the operator path (the desk, so every alert is a durable, hash-chained event) at a
 * chosen speed: at 60× an hour of history takes a minute. Alerts already running at midnight are issued at once.
 */
public final class DayReplay implements Runnable {
    private static final Logger LOG = Logger.getLogger(DayReplay.class.getName());

    private final AlertDesk desk;
    private final Actor actor;
    private final LocalDate day;
    private final List<HistoryRecord> records;
    private final double speed;

    public DayReplay(AlertDesk desk, Actor actor, LocalDate day, List<HistoryRecord> records, double speed) {
        this.desk = desk;
        this.actor = actor;
        this.day = day;
        this.records = records;
        this.speed = speed;
    }

    private record Step(Instant at, int index, boolean start) {
    }

    @Override
    public void run() {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            HistoryRecord r = records.get(i);
            steps.add(new Step(r.startedAt().isBefore(dayStart) ? dayStart : r.startedAt(), i, true));
            steps.add(new Step(r.finishedAt(), i, false));
        }
        steps.sort(Comparator.comparing(Step::at).thenComparing(s -> s.start));
        Map<Integer, String> issued = new HashMap<>();
        long t0 = System.nanoTime();
        for (Step s : steps) {
            long due = (long) (Duration.between(dayStart, s.at()).toNanos() / speed);
            long wait = due - (System.nanoTime() - t0);
            try {
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                apply(s, issued);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning("replay step skipped: " + e.getMessage());
            }
        }
        LOG.info("replay of " + day + " finished");
    }

    private void apply(Step s, Map<Integer, String> issued) {
        HistoryRecord r = records.get(s.index());
        if (s.start()) {
            String hhmm = r.startedAt().toString().substring(0, 16).replace('T', ' ');
            Texts texts = new Texts("Повітряна тривога (архів, " + hhmm + " UTC)",
                    "Air raid alert (replay of " + hhmm + " UTC)",
                    "Прямуйте до найближчого укриття.", "Go to the nearest shelter.");
            LoggedEvent e = desk.issue(actor, new IssueAlert(List.of(r.regionCode()), Threat.AIR_RAID,
                    Threat.Subtype.UNSPECIFIED, Stage.ALERT, Status.ACTUAL, texts, null));
            issued.put(s.index(), e.event().alert().id());
        } else if (issued.containsKey(s.index())) {
            desk.end(actor, new EndAlert(issued.remove(s.index()), EndReason.ALL_CLEAR));
        }
    }
}
