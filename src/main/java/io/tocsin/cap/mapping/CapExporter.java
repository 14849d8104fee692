package io.tocsin.cap.mapping;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one version of an alert as a CAP 1.2 message: one per public event (issued → Alert, updated → Update, ended
 * → Update with responseType AllClear, or Cancel for a false alarm), with references to every earlier version, one
 * {@code <info>} per language (uk, en), and an area per region with its geocodes and simplified boundary. See
 * docs/cap.md for the full mapping. Immutable and thread-safe.
 */
public final class CapExporter {
    private final String sender;
    private final RegionTree tree;
    private final CapPolygons polygons;

    public CapExporter(String sender, RegionTree tree, CapPolygons polygons) {
        this.sender = sender;
        this.tree = tree;
        this.polygons = polygons;
    }

    /** The {@code <sender>} of every message this exporter writes. */
    public String sender() {
        return sender;
    }

    /**
     * The message for the alert's version {@code seq} (0: the latest), given the alert's events in seq order;
     * empty when there is no such public event (an approval still pending, or a seq of another alert).
     */
    public Optional<byte[]> export(List<LoggedEvent> history, long seq) {
        List<LoggedEvent> versions = history.stream().filter(e -> e.event().type().isPublic()).toList();
        for (int i = 0; i < versions.size(); i++) {
            LoggedEvent e = versions.get(i);
            if (seq == 0 ? i == versions.size() - 1 : e.seq() == seq) {
                return Optional.of(write(e, versions.subList(0, i)));
            }
        }
        return Optional.empty();
    }

    /** The CAP message type of an event: what an importer does with it. */
    static String msgType(LoggedEvent e) {
        EventType type = e.event().type();
        if (type == EventType.ISSUED) {
            return "Alert";
        }
        return type == EventType.ENDED && e.event().alert().endReason() == EndReason.FALSE_ALARM ? "Cancel" : "Update";
    }

    private byte[] write(LoggedEvent e, List<LoggedEvent> earlier) {
        Alert a = e.event().alert();
        XmlOut x = new XmlOut("alert", CapTerms.NS);
        x.leaf("identifier", CapIds.identifier(a.id(), e.seq()))
                .leaf("sender", sender)
                .leaf("sent", CapTerms.time(e.event().at()))
                .leaf("status", CapTerms.status(a.status()))
                .leaf("msgType", msgType(e))
                .leaf("scope", "Public")
                .leaf("note", note(a))
                .leaf("references", references(earlier));
        int budget = CapPolygons.budget(a.regions().size());
        for (Lang lang : Lang.values()) {
            info(x, a, lang, budget);
        }
        return x.finish();
    }

    private String references(List<LoggedEvent> earlier) {
        List<String> refs = new ArrayList<>(earlier.size());
        for (LoggedEvent e : earlier) {
            refs.add(sender + "," + CapIds.identifier(e.event().alert().id(), e.seq()) + ","
                    + CapTerms.time(e.event().at()));
        }
        return String.join(" ", refs);
    }

    private static String note(Alert a) {
        List<String> parts = new ArrayList<>(2);
        if (a.status() != Status.ACTUAL) {
            parts.add(CapTerms.drillNotice(a.status(), Lang.UK) + " / " + CapTerms.drillNotice(a.status(), Lang.EN));
        }
        if (a.endReason() == EndReason.FALSE_ALARM) {
            parts.add("Хибна тривога / False alarm");
        }
        return String.join(". ", parts);
    }

    private void info(XmlOut x, Alert a, Lang lang, int budget) {
        EndReason end = a.endReason();
        String event = CapTerms.event(a.threat(), a.subtype(), lang);
        x.open("info")
                .leaf("language", lang.code())
                .leaf("category", CapTerms.category(a.threat()))
                .leaf("event", event)
                .leaf("responseType", end == null ? CapTerms.responseType(a.threat(), a.stage())
                        : end == EndReason.ALL_CLEAR ? "AllClear" : "None")
                .leaf("urgency", end == null ? CapTerms.urgency(a.stage()) : "Past")
                .leaf("severity", end == null ? CapTerms.severity(a.threat(), a.stage()) : "Minor")
                .leaf("certainty", end == null ? CapTerms.certainty(a.stage()) : "Observed");
        x.open("eventCode").leaf("valueName", CapTerms.EVENT_CODE)
                .leaf("value", CapTerms.eventCode(a.threat(), a.subtype())).close();
        if (end == null && a.expiresAt() != null && CapTerms.expressible(a.expiresAt())) {
            x.leaf("expires", CapTerms.time(a.expiresAt()));
        }
        x.leaf("senderName", "Tocsin")
                .leaf("headline", headline(a, lang, event))
                .leaf("description", CapTerms.drillNotice(a.status(), lang))
                .leaf("instruction", end == null ? lang.pick(a.texts().instructionUk(), a.texts().instructionEn()) : null);
        parameter(x, CapTerms.STAGE, a.stage().wire());
        parameter(x, CapTerms.ALERT_ID, a.id());
        if (end != null) {
            parameter(x, CapTerms.END_REASON, end.wire());
        }
        for (String code : a.regions()) {
            area(x, tree.require(code), lang, budget);
        }
        x.close();
    }

    /** The alert's headline; an end says so first; a drill says so before anything else. */
    static String headline(Alert a, Lang lang, String event) {
        String own = lang.pick(a.texts().headlineUk(), a.texts().headlineEn());
        String base = a.endReason() == null ? own
                : CapTerms.endPrefix(a.endReason(), lang) + (own.isEmpty() ? event : own);
        String drill = CapTerms.drillPrefix(a.status(), lang);
        if (drill.isEmpty()) {
            return base;
        }
        return base.isEmpty() ? drill.replace(":", "").strip() : drill + base;
    }

    private static void parameter(XmlOut x, String name, String value) {
        x.open("parameter").leaf("valueName", name).leaf("value", value).close();
    }

    private void area(XmlOut x, Region r, Lang lang, int budget) {
        x.open("area").leaf("areaDesc", lang.pick(r.nameUk(), r.nameEn()));
        for (String polygon : polygons.of(r.code(), budget)) {
            x.leaf("polygon", polygon);
        }
        if (r.kind() == RegionKind.OBLAST) {
            geocode(x, CapTerms.ISO, r.code());
        }
        if (r.katotth() != null) {
            geocode(x, CapTerms.KATOTTH, r.katotth());
        }
        x.close();
    }

    private static void geocode(XmlOut x, String name, String value) {
        x.open("geocode").leaf("valueName", name).leaf("value", value).close();
    }
}
