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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Replays a real day through the operator path (the desk, so every alert is a durable, hash-chained event) at a
 * chosen speed: at 60× an hour of history takes a minute. The replay starts at a chosen moment of history and
 * folds in what came before it: alerts already running at that moment are issued at once, so the first screen
 * shows the situation of that moment instead of an empty board; alerts that were over by then are left out.
 */
public final class DayReplay implements Runnable {
    private static final Logger LOG = Logger.getLogger(DayReplay.class.getName());
    private static final DateTimeFormatter KYIV_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ReplayStart.KYIV);

    private final AlertDesk desk;
    private final Actor actor;
    private final List<HistoryRecord> records;
    private final Instant from;
    private final double speed;

    /**
     * @param records the alerts to replay (typically {@link AlertHistory#day}), in any order
     * @param from    the moment of history the replay starts at
     * @param speed   history seconds per wall-clock second
     */
    public DayReplay(AlertDesk desk, Actor actor, List<HistoryRecord> records, Instant from, double speed) {
        this.desk = desk;
        this.actor = actor;
        this.records = records;
        this.from = from;
        this.speed = speed;
    }

    private record Step(Instant at, int index, boolean start) {
    }

    /** The issues and ends this replay makes, in order; an alert running at {@link #from} starts at {@code from}. */
    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            HistoryRecord r = records.get(i);
            if (!r.finishedAt().isAfter(from)) {
                continue; // over before the replay starts: folding it in would only add and remove it at once
            }
            steps.add(new Step(r.startedAt().isBefore(from) ? from : r.startedAt(), i, true));
            steps.add(new Step(r.finishedAt(), i, false));
        }
        // Ends before starts at the same instant: a region whose alert ends as the next begins never shows two.
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::start));
        return steps;
    }

    @Override
    public void run() {
        Map<Integer, String> issued = new HashMap<>();
        long t0 = System.nanoTime();
        for (Step s : steps()) {
            long due = (long) (Duration.between(from, s.at()).toNanos() / speed);
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
        LOG.info("replay from " + KYIV_MINUTE.format(from) + " (Kyiv time) finished");
    }

    private void apply(Step s, Map<Integer, String> issued) {
        HistoryRecord r = records.get(s.index());
        if (s.start()) {
            String hhmm = KYIV_MINUTE.format(r.startedAt());
            Texts texts = new Texts("Повітряна тривога (архів, " + hhmm + " за київським часом)",
                    "Air raid alert (replay of " + hhmm + " Kyiv time)",
                    "Прямуйте до найближчого укриття.", "Go to the nearest shelter.");
            LoggedEvent e = desk.issue(actor, new IssueAlert(List.of(r.regionCode()), Threat.AIR_RAID,
                    Threat.Subtype.UNSPECIFIED, Stage.ALERT, Status.ACTUAL, texts, null));
            issued.put(s.index(), e.event().alert().id());
        } else if (issued.containsKey(s.index())) {
            desk.end(actor, new EndAlert(issued.remove(s.index()), EndReason.ALL_CLEAR));
        }
    }
}
