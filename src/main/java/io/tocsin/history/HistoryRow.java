package io.tocsin.history;

import java.time.Instant;

/**
 * One line of a dataset, placed (a region code) or refused (a reason). {@code note} says what was corrected to
 * place it (the row with oblast and raion swapped), else null.
 */
public record HistoryRow(int line, String text, String code, Instant start, Instant end, String refusal, String note) {
    static HistoryRow placed(int line, String text, String code, Instant start, Instant end, String note) {
        return new HistoryRow(line, text, code, start, end, null, note);
    }

    static HistoryRow refused(int line, String text, String reason) {
        return new HistoryRow(line, text, null, null, null, reason, null);
    }

    public boolean isPlaced() {
        return refusal == null;
    }
}
