package io.tocsin.history;

import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.EventType;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Imports a dataset into the log as {@link EventType#HISTORY_IMPORTED} events, one per placed row, in transactions
 * of {@link #BATCH}: each is durable before the next starts and before progress reports it, so an interrupted import
 * leaves whole batches, and running it again adds only what is missing. Every alert's id is derived from its
 * source, region and times, which is what makes the import idempotent (and folds exact duplicate rows into one).
 */
public final class HistoryImport {
    /** Alerts per transaction: large enough that fsyncs do not dominate, small enough to show progress. */
    static final int BATCH = 5000;
    static final String ACTOR = "import";

    private final EventLog log;
    private final HistoryReader reader;
    private final Clock clock;

    public HistoryImport(EventLog log, RegionTree tree, Clock clock) {
        this.log = log;
        this.reader = new HistoryReader(tree);
        this.clock = clock;
    }

    /**
     * @param progress told the number of rows handled so far after each durable batch (and the total first, as a
     *                 negative number)
     */
    public ImportResult run(HistorySource source, IntConsumer progress) {
        List<HistoryRow> rows = reader.read(source);
        progress.accept(-rows.size());
        Set<String> present = log.alertIdsOf(EventType.HISTORY_IMPORTED);
        Map<String, Integer> firstLine = new HashMap<>();
        List<HistoryRow> refused = new ArrayList<>();
        List<HistoryRow> corrected = new ArrayList<>();
        List<Event> batch = new ArrayList<>(BATCH);
        int placed = 0;
        int added = 0;
        int handled = 0;
        Instant now = clock.instant();
        for (HistoryRow row : rows) {
            handled++;
            if (!row.isPlaced()) {
                refused.add(row);
                continue;
            }
            String id = alertId(source, row);
            Integer earlier = firstLine.putIfAbsent(id, row.line());
            if (earlier != null) {
                refused.add(HistoryRow.refused(row.line(), row.text(), "same region and times as line " + earlier));
                continue;
            }
            placed++;
            if (row.note() != null && !row.note().startsWith("no end message")) {
                corrected.add(row);
            }
            if (present.contains(id)) {
                continue;
            }
            batch.add(new Event(EventType.HISTORY_IMPORTED, now, ACTOR, alert(source, id, row)));
            if (batch.size() == BATCH) {
                added += flush(batch);
                progress.accept(handled);
            }
        }
        added += flush(batch);
        progress.accept(handled);
        return new ImportResult(source, rows.size(), placed, added, placed - added, refused, corrected);
    }

    private int flush(List<Event> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int n = log.appendAll(List.copyOf(batch)).size();
        batch.clear();
        return n;
    }

    static String alertId(HistorySource source, HistoryRow row) {
        String key = source.wire() + "|" + row.code() + "|" + row.start() + "|" + row.end();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Alert alert(HistorySource source, String id, HistoryRow row) {
        String channel = source == HistorySource.OFFICIAL ? "офіційний канал" : "волонтерський канал (єТривога)";
        String channelEn = source == HistorySource.OFFICIAL ? "official channel" : "volunteer channel (eTryvoga)";
        Texts texts = new Texts("Тривога з архіву: " + channel, "Archived alert: " + channelEn,
                row.note() == null ? "" : row.note(), row.note() == null ? "" : row.note());
        return new Alert(id, List.of(row.code()), Threat.AIR_RAID, Threat.Subtype.UNSPECIFIED, Stage.ALERT,
                Status.ACTUAL, texts, source.issuer(), row.start(), row.end(), null, row.end(), EndReason.ALL_CLEAR);
    }
}
