package io.tocsin.history;

import java.util.List;

/**
 * What an import did: {@code rows} read, {@code placed} on a region (distinct alerts), {@code added} to the log now,
 * {@code alreadyPresent} from an earlier run, and every refused row with its reason.
 */
public record ImportResult(HistorySource source, int rows, int placed, int added, int alreadyPresent,
                           List<HistoryRow> refused, List<HistoryRow> corrected) {
    /** One line per refused or corrected row: "line 1234: reason: the row as written". */
    public List<String> report() {
        List<String> out = new java.util.ArrayList<>();
        refused.forEach(r -> out.add("line " + r.line() + ": refused: " + r.refusal() + ": " + r.text()));
        corrected.forEach(r -> out.add("line " + r.line() + ": placed on " + r.code() + ": " + r.note() + ": "
                + r.text()));
        return out;
    }
}
