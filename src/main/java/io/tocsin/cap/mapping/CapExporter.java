package io.tocsin.cap.mapping;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one version of an alert as a CAP 1.2 message: one per public event (issued → Alert, updated → Update, ended
 * → Update with responseType AllClear, or Cancel for a false alarm), with references to every earlier version, one
 * {@code <info>} per language (uk, en) with expires, description, web, contact and senderName, and an area per region
 * with its geocodes and hole-free boundary pieces. A version made from an imported message cites it and carries the
 * originator's words and assessment ({@link CapOrigin}). See docs/cap.md for the full mapping. Thread-safe.
 */
public final class CapExporter {
    private final String sender;
    private final RegionTree tree;
    private final CapPolygons polygons;
    private final CapPublishing publishing;
    private final CapOrigin.Store origins;

    public CapExporter(String sender, RegionTree tree, CapPolygons polygons) {
        this(sender, tree, polygons, CapPublishing.DEFAULT, CapOrigin.Store.NONE);
    }

    public CapExporter(String sender, RegionTree tree, CapPolygons polygons, CapPublishing publishing,
                       CapOrigin.Store origins) {
        this.sender = sender;
        this.tree = tree;
        this.polygons = polygons;
        this.publishing = publishing;
        this.origins = origins;
    }

    /** The {@code <sender>} of every message this exporter writes. */
    public String sender() {
        return sender;
    }

    /** The alert's page on the public site: the {@code <web>} of its messages. */
    public static String web(String base, String alertId) {
        return base + "/alerts/" + alertId;
    }

    /**
     * The message for the alert's version {@code seq} (0: the latest), given the alert's events in seq order;
     * empty when there is no such public event (an approval still pending, or a seq of another alert).
     *
     * @param base the public URL, which the {@code <web>} link starts with
     */
    public Optional<byte[]> export(List<LoggedEvent> history, long seq, String base) {
        List<LoggedEvent> versions = history.stream().filter(e -> e.event().type().isPublic()).toList();
        for (int i = 0; i < versions.size(); i++) {
            LoggedEvent e = versions.get(i);
            if (seq == 0 ? i == versions.size() - 1 : e.seq() == seq) {
                List<CapOrigin> known = e.event().alert().id() == null ? List.of()
                        : origins.forAlert(e.event().alert().id());
                return Optional.of(write(e, versions.subList(0, i), history, known, base));
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

    /**
     * When the version expires for consumers: an active alert at its own expiry or its horizon after the version,
     * whichever is first (renewals come before the horizon lapses); an end shortly after it is sent.
     */
    Instant expires(Alert a, Instant sent) {
        if (a.endReason() != null) {
            return sent.plus(CapPublishing.END_EXPIRES);
        }
        Instant horizon = sent.plus(publishing.expiresHorizon());
        Instant own = a.expiresAt();
        return own != null && CapTerms.expressible(own) && own.isBefore(horizon) && own.isAfter(sent) ? own : horizon;
    }

    private byte[] write(LoggedEvent e, List<LoggedEvent> earlier, List<LoggedEvent> history, List<CapOrigin> known,
                         String base) {
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
        List<CapOrigin> cited = known.stream().filter(o -> o.seq() <= e.seq()).toList();
        CapOrigin from = current(e, history, known);
        int budget = CapPolygons.budget(a.regions().size());
        for (Lang lang : Lang.values()) {
            info(x, e, lang, budget, cited, from, base);
        }
        return x.finish();
    }

    /**
     * The imported message this version speaks for: the one it was made from, kept by the server's own renewals
     * (which restate it) and by the release of a held import; an operator's later change speaks for itself.
     */
    static CapOrigin current(LoggedEvent version, List<LoggedEvent> history, List<CapOrigin> known) {
        CapOrigin cur = null;
        LoggedEvent previous = null;
        for (LoggedEvent h : history) {
            if (h.seq() > version.seq()) {
                break;
            }
            CapOrigin at = known.stream().filter(o -> o.seq() == h.seq()).findFirst().orElse(null);
            boolean restated = Event.SYSTEM_ACTOR.equals(h.event().actor()) && h.event().type() == EventType.UPDATED;
            boolean released = previous != null && previous.event().type() == EventType.APPROVAL_GRANTED;
            boolean publicChange = h.event().type().isPublic();
            if (at != null) {
                cur = at;
            } else if (publicChange && !restated && !released) {
                cur = null;
            }
            previous = h;
        }
        return cur;
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

    private void info(XmlOut x, LoggedEvent e, Lang lang, int budget, List<CapOrigin> cited, CapOrigin from,
                      String base) {
        Alert a = e.event().alert();
        EndReason end = a.endReason();
        Optional<CapOrigin> o = Optional.ofNullable(from);
        String event = CapTerms.event(a.threat(), a.subtype(), lang);
        x.open("info")
                .leaf("language", lang.code())
                .leaf("category", o.flatMap(f -> CapOrigin.given(f.category())).orElse(CapTerms.category(a.threat())))
                .leaf("event", event)
                .leaf("responseType", CapTerms.endResponseType(end)
                        .orElse(CapTerms.responseType(a.threat(), a.stage())))
                .leaf("urgency", o.flatMap(f -> CapOrigin.given(f.urgency()))
                        .orElse(end == null ? CapTerms.urgency(a.stage()) : "Past"))
                .leaf("severity", end == null ? CapTerms.severity(a.threat(), a.stage()) : CapTerms.endSeverity(end))
                .leaf("certainty", o.flatMap(f -> CapOrigin.given(f.certainty()))
                        .orElse(end == null ? CapTerms.certainty(a.stage()) : CapTerms.endCertainty(end)));
        x.open("eventCode").leaf("valueName", CapTerms.EVENT_CODE)
                .leaf("value", CapTerms.eventCode(a.threat(), a.subtype())).close();
        CapTerms.oasisEventCode(a.threat()).ifPresent(code ->
                x.open("eventCode").leaf("valueName", CapTerms.OET).leaf("value", code).close());
        x.leaf("expires", CapTerms.time(expires(a, e.event().at())))
                .leaf("senderName", o.flatMap(f -> CapOrigin.given(f.senderName())).orElse(publishing.senderName()))
                .leaf("headline", headline(a, lang, event))
                .leaf("description", o.flatMap(f -> CapOrigin.given(lang.pick(f.descriptionUk(), f.descriptionEn())))
                        .orElse(CapDescriptions.of(a, lang, tree)))
                .leaf("instruction", end == null
                        ? CapTerms.withShelter(lang.pick(a.texts().instructionUk(), a.texts().instructionEn()),
                                a.shelterSeconds(), lang.pick("uk", "en")) : null)
                .leaf("web", o.flatMap(f -> CapOrigin.given(f.web())).orElse(web(base, a.id())))
                .leaf("contact", o.flatMap(f -> CapOrigin.given(f.contact())).orElse(publishing.contact()));
        parameter(x, CapTerms.STAGE, a.stage().wire());
        parameter(x, CapTerms.ALERT_ID, a.id());
        if (end == null) {
            parameter(x, CapTerms.EXPIRES_AT, a.expiresAt() != null && CapTerms.expressible(a.expiresAt())
                    ? CapTerms.time(a.expiresAt()) : CapTerms.NO_EXPIRY);
        }
        if (end != null) {
            parameter(x, CapTerms.END_REASON, end.wire());
        }
        for (CapOrigin c : cited) {
            parameter(x, CapTerms.ORIGIN, c.citation());
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
