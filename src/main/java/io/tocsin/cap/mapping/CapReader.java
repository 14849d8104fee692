package io.tocsin.cap.mapping;

import io.tocsin.cap.CapIssue;
import io.tocsin.cap.CapReference;
import io.tocsin.cap.mapping.CapImportException.Kind;
import io.tocsin.cap.mapping.CapTerms.ThreatKind;
import io.tocsin.cap.mapping.InboundMessage.Action;
import io.tocsin.cap.mapping.InboundMessage.Content;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a CAP 1.2 message that the validator has accepted into an {@link InboundMessage}: what it asks for (issue,
 * update, end), the threat (Tocsin's eventCode, else the event's words), the stage, the texts per language and the
 * regions (geocodes first; an area without a known geocode by its polygons and circles). Whatever is missing or
 * unknown is a {@link CapImportException} naming the element by XPath.
 */
final class CapReader {
    /** Geocode valueNames that name Tocsin regions, compared upper-case without punctuation. */
    private static final Set<String> GEOCODES = Set.of("ISO31662", "KATOTTH", "KATOTTG", "КАТОТТГ");

    private final RegionTree tree;
    private final CapAreaResolver resolver;

    CapReader(RegionTree tree, CapAreaResolver resolver) {
        this.tree = tree;
        this.resolver = resolver;
    }

    InboundMessage read(Document doc) {
        Element alert = doc.getDocumentElement();
        String capStatus = text(alert, "status");
        Optional<Status> status = CapTerms.status(capStatus);
        List<Element> infos = children(alert, "info");
        List<CapReference> refs = references(text(alert, "references"));
        String msgType = text(alert, "msgType");
        Action action;
        EndReason end = null;
        switch (msgType) {
            case "Alert" -> {
                if (ending(infos).isPresent()) {
                    // Some senders announce the all-clear as a new Alert: issuing it would raise the alarm it ends.
                    throw CapImportException.at(Kind.CAP_UNMAPPABLE, "msgtype.all-clear-alert", "/alert/msgType[1]",
                            "an Alert that announces an all-clear (responseType AllClear, urgency Past or "
                                    + CapTerms.END_REASON + ") cannot be issued; send an Update or Cancel that "
                                    + "references the alert it ends");
                }
                action = Action.ISSUE;
            }
            case "Update" -> {
                end = ending(infos).orElse(null);
                action = end == null ? Action.UPDATE : Action.END;
            }
            case "Cancel" -> {
                action = Action.END;
                end = EndReason.FALSE_ALARM;
            }
            default -> throw CapImportException.at(Kind.CAP_UNMAPPABLE, "msgtype.unsupported", "/alert/msgType[1]",
                    "msgType " + msgType + " does not change an alert; Tocsin imports Alert, Update and Cancel");
        }
        Optional<Content> content = action == Action.END ? Optional.empty() : Optional.of(content(infos, status));
        return new InboundMessage(text(alert, "sender"), text(alert, "identifier"), text(alert, "sent"), capStatus,
                status, action, refs, content, end);
    }

    private Content content(List<Element> infos, Optional<Status> status) {
        if (infos.isEmpty()) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "info.required", "/alert",
                    "an Alert or Update needs an <info> saying what the threat is and where");
        }
        Element first = infos.get(0);
        // A Tocsin message says its alert's own expiry apart from the horizon its <expires> holds (docs/cap.md).
        Optional<String> own = parameter(first, CapTerms.EXPIRES_AT);
        Instant expires = own.isPresent()
                ? (CapTerms.NO_EXPIRY.equals(own.get().strip()) ? null : CapTerms.parseTime(own.get()))
                : infos.stream().map(i -> text(i, "expires")).filter(s -> !s.isEmpty()).findFirst()
                .map(CapTerms::parseTime).orElse(null);
        return new Content(regions(infos), threat(infos), stage(infos, text(first, "urgency")),
                texts(infos, status.orElse(Status.ACTUAL)), expires);
    }

    private static Optional<EndReason> ending(List<Element> infos) {
        for (int i = 0; i < infos.size(); i++) {
            Optional<String> reason = parameter(infos.get(i), CapTerms.END_REASON);
            if (reason.isPresent()) {
                try {
                    return Optional.of(EndReason.parse(reason.get()));
                } catch (DomainException e) {
                    throw CapImportException.at(Kind.CAP_UNMAPPABLE, "end-reason.unknown",
                            "/alert/info[" + (i + 1) + "]", CapTerms.END_REASON + ": " + e.getMessage());
                }
            }
        }
        for (Element info : infos) {
            boolean allClear = children(info, "responseType").stream().anyMatch(r -> "AllClear".equals(r.getTextContent().strip()));
            if (allClear || "Past".equals(text(info, "urgency"))) {
                return Optional.of(EndReason.ALL_CLEAR);
            }
        }
        return Optional.empty();
    }

    private static ThreatKind threat(List<Element> infos) {
        ThreatKind found = null;
        for (int i = 0; i < infos.size(); i++) {
            List<Element> codes = children(infos.get(i), "eventCode");
            for (int k = 0; k < codes.size(); k++) {
                if (CapTerms.EVENT_CODE.equalsIgnoreCase(text(codes.get(k), "valueName"))) {
                    String xpath = "/alert/info[" + (i + 1) + "]/eventCode[" + (k + 1) + "]";
                    ThreatKind t = parseThreat(text(codes.get(k), "value"), xpath);
                    if (found != null && !found.equals(t)) {
                        throw CapImportException.at(Kind.CAP_UNMAPPABLE, "threat.conflict", xpath,
                                "the infos name different threats: " + CapTerms.eventCode(found.threat(),
                                        found.subtype()) + " and " + CapTerms.eventCode(t.threat(), t.subtype()));
                    }
                    found = t;
                }
            }
        }
        if (found != null) {
            return found;
        }
        for (Element info : infos) {
            Optional<ThreatKind> guess = CapTerms.guessThreat(text(info, "category"), text(info, "event"));
            if (guess.isPresent()) {
                return guess.get();
            }
        }
        throw CapImportException.at(Kind.CAP_UNMAPPABLE, "threat.unknown", "/alert/info[1]/event[1]",
                "no eventCode " + CapTerms.EVENT_CODE + " and the event \"" + text(infos.get(0), "event")
                        + "\" names no threat Tocsin knows; add <eventCode><valueName>" + CapTerms.EVENT_CODE
                        + "</valueName><value>air_raid:drones</value></eventCode> (or artillery, urban_fights, "
                        + "chemical, nuclear, info)");
    }

    private static ThreatKind parseThreat(String value, String xpath) {
        String[] parts = value.strip().split(":", 2);
        try {
            Threat threat = Threat.parse(parts[0]);
            Threat.Subtype subtype = threat.normalise(parts.length == 2 ? Threat.Subtype.parse(parts[1]) : null);
            return new ThreatKind(threat, subtype);
        } catch (DomainException e) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "threat.unknown", xpath,
                    "eventCode " + CapTerms.EVENT_CODE + " \"" + value + "\": " + e.getMessage());
        }
    }

    private static Stage stage(List<Element> infos, String urgency) {
        for (int i = 0; i < infos.size(); i++) {
            Optional<String> stage = parameter(infos.get(i), CapTerms.STAGE);
            if (stage.isPresent()) {
                try {
                    return Stage.parse(stage.get());
                } catch (DomainException e) {
                    throw CapImportException.at(Kind.CAP_UNMAPPABLE, "stage.unknown", "/alert/info[" + (i + 1) + "]",
                            CapTerms.STAGE + ": " + e.getMessage());
                }
            }
        }
        return CapTerms.stageOfUrgency(urgency);
    }

    /** Ukrainian texts from the first "uk…" info; English from the first "en…" one or one with no language. */
    private static Texts texts(List<Element> infos, Status status) {
        Element uk = null;
        Element en = null;
        for (Element info : infos) {
            String lang = text(info, "language").toLowerCase(Locale.ROOT);
            if (uk == null && lang.startsWith("uk")) {
                uk = info;
            } else if (en == null && (lang.isEmpty() || lang.startsWith("en"))) {
                en = info;
            }
        }
        return new Texts(headline(uk, status), headline(en, status), instruction(uk), instruction(en));
    }

    private static String headline(Element info, Status status) {
        return info == null ? "" : cut(CapTerms.stripDrillPrefix(status, text(info, "headline")), Texts.MAX_HEADLINE);
    }

    private static String instruction(Element info) {
        return info == null ? "" : cut(text(info, "instruction"), Texts.MAX_INSTRUCTION);
    }

    /** Other senders' texts may be longer than ours: they are shortened, not refused. */
    private static String cut(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).strip() + "…";
    }

    private List<String> regions(List<Element> infos) {
        Set<String> codes = new LinkedHashSet<>();
        Map<String, List<String>> byShapes = new HashMap<>();
        for (int i = 0; i < infos.size(); i++) {
            List<Element> areas = children(infos.get(i), "area");
            for (int j = 0; j < areas.size(); j++) {
                codes.addAll(area(areas.get(j), "/alert/info[" + (i + 1) + "]/area[" + (j + 1) + "]", byShapes));
            }
        }
        if (codes.isEmpty()) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "area.required", "/alert/info[1]",
                    "no <area>: Tocsin needs to know where (a geocode ISO3166-2 or KATOTTH, a polygon or a circle)");
        }
        return resolver.coarsest(codes);
    }

    private List<String> area(Element area, String xpath, Map<String, List<String>> byShapes) {
        List<String> codes = new ArrayList<>();
        List<Element> geocodes = children(area, "geocode");
        for (int k = 0; k < geocodes.size(); k++) {
            String name = text(geocodes.get(k), "valueName");
            if (GEOCODES.contains(name.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", ""))) {
                String value = text(geocodes.get(k), "value");
                Optional<Region> r = tree.find(value);
                if (r.isEmpty()) {
                    String detail = "geocode " + name + " \"" + value + "\" names no region of Ukraine";
                    throw new CapImportException(Kind.UNKNOWN_REGION, detail, List.of(new CapIssue(
                            CapIssue.Category.SEMANTIC, "geocode.unknown", xpath + "/geocode[" + (k + 1) + "]", detail)));
                }
                codes.add(r.get().code());
            }
        }
        if (!codes.isEmpty()) {
            return codes;
        }
        List<String> polygons = children(area, "polygon").stream().map(Node::getTextContent)
                .filter(s -> !s.isBlank()).toList();
        List<String> circles = children(area, "circle").stream().map(Node::getTextContent).toList();
        if (polygons.isEmpty() && circles.isEmpty()) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "area.unresolvable", xpath,
                    "the area \"" + text(area, "areaDesc") + "\" has no geocode Tocsin knows (ISO3166-2, KATOTTH) "
                            + "and no polygon or circle");
        }
        List<String> found = byShapes.computeIfAbsent(String.join("|", polygons) + "#" + String.join("|", circles),
                k -> {
                    List<Geometry> shapes = new ArrayList<>();
                    polygons.forEach(p -> shapes.add(resolver.polygon(p)));
                    circles.forEach(c -> shapes.add(resolver.circle(c)));
                    return resolver.resolve(shapes);
                });
        if (found.isEmpty()) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "area.outside", xpath,
                    "the polygons and circles of \"" + text(area, "areaDesc") + "\" lie in no region of Ukraine");
        }
        return found;
    }

    private static List<CapReference> references(String text) {
        List<CapReference> out = new ArrayList<>();
        for (String triple : text.strip().split("\\s+")) {
            String[] parts = triple.split(",");
            if (parts.length == 3) {
                out.add(new CapReference(parts[0], parts[1], parts[2]));
            }
        }
        return out;
    }

    private static Optional<String> parameter(Element info, String name) {
        return children(info, "parameter").stream().filter(p -> name.equalsIgnoreCase(text(p, "valueName")))
                .map(p -> text(p, "value")).findFirst();
    }

    /** The stripped text of the first child of that name, "" when there is none. */
    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && CapTerms.NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
