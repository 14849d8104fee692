package io.tocsin.cap;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsSimpleOp;
import org.w3c.dom.Element;

/**
 * The Google Public Alerts profile, from Google's published texts (developers.google.com/public-alerts): the
 * CAP-Google data dictionary ("Google Public Alerts requires some elements that are optional in the OASIS spec, such
 * as expires, description and area"), the entity tables (alert, info, area) and "Google CAP requirements"
 * (polygons, non-contiguous areas) and "Event changes or expiration" (references). Errors are what Google refuses;
 * warnings what it asks for but does not refuse. docs/cap.md lists each rule with its source.
 */
final class GoogleProfileRules {
    static final int EVENT_MAX = 35;
    static final int AREA_DESC_MAX = 50;
    static final int MAX_DECIMALS = 6;
    private static final Pattern TOO_PRECISE = Pattern.compile("\\.\\d{" + (MAX_DECIMALS + 1) + ",}");
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final CapIssue.Category P = CapIssue.Category.PROFILE;

    private GoogleProfileRules() {
    }

    static void check(Element alert, String ns, Issues issues) {
        String msgType = text(alert, ns, "msgType");
        String status = text(alert, ns, "status");
        if (!"Actual".equals(status)) {
            issues.warn(P, "google.status.not-published", child(alert, ns, "status"),
                    "Google publishes only status Actual; this " + status + " message is accepted but not shown");
        }
        if (!"Public".equals(text(alert, ns, "scope"))) {
            issues.error(P, "google.scope.not-public", child(alert, ns, "scope"),
                    "Google publishes only publicly available alerts: scope must be Public");
        }
        if (("Update".equals(msgType) || "Cancel".equals(msgType)) && text(alert, ns, "references").isEmpty()) {
            issues.error(P, "google.references.required", child(alert, ns, "msgType"),
                    "an " + msgType + " must include at least one reference to the message(s) it updates or cancels");
        }
        List<Element> infos = Dom.children(alert, ns, "info");
        if (infos.isEmpty()) {
            issues.error(P, "google.info.required", alert, "at least one <info> block is required");
        }
        for (Element info : infos) {
            info(info, ns, "Cancel".equals(msgType), issues);
        }
    }

    private static void info(Element info, String ns, boolean cancel, Issues issues) {
        String event = text(info, ns, "event");
        if (event.codePointCount(0, event.length()) >= EVENT_MAX) {
            issues.error(P, "google.event.too-long", child(info, ns, "event"), "<event> must be shorter than "
                    + EVENT_MAX + " characters; \"" + event + "\" has " + event.codePointCount(0, event.length()));
        }
        // Google's own cancellation example says severity Unknown (nothing is left to grade): allowed in a Cancel.
        for (String name : List.of("urgency", "severity", "certainty")) {
            if ("Unknown".equals(text(info, ns, name)) && !cancel) {
                issues.error(P, "google." + name + ".unknown", child(info, ns, name),
                        "do not use Unknown for <" + name + ">: it makes the alert impossible to rank");
            }
        }
        for (String name : List.of("expires", "description", "web")) {
            if (text(info, ns, name).isEmpty()) {
                issues.error(P, "google." + name + ".required", info, "<" + name + "> is required by Google");
            }
        }
        String web = text(info, ns, "web");
        if (!web.isEmpty() && !absoluteHttp(web)) {
            issues.error(P, "google.web.not-url", child(info, ns, "web"),
                    "<web> must be the full http(s) URL of a page about the alert, not '" + web + "'");
        }
        List<Element> areas = Dom.children(info, ns, "area");
        if (areas.isEmpty()) {
            issues.error(P, "google.area.required", info, "<area> is required by Google: it targets the alert");
        }
        List<Geometry> shapes = new ArrayList<>();
        for (Element area : areas) {
            area(area, ns, shapes, issues);
        }
        contiguity(info, shapes, issues);
    }

    private static void area(Element area, String ns, List<Geometry> shapes, Issues issues) {
        String desc = text(area, ns, "areaDesc");
        if (desc.codePointCount(0, desc.length()) >= AREA_DESC_MAX) {
            issues.warn(P, "google.area-desc.long", child(area, ns, "areaDesc"),
                    "keep <areaDesc> under " + AREA_DESC_MAX + " characters: Google may use it in the title");
        }
        for (Element polygon : Dom.children(area, ns, "polygon")) {
            String text = Dom.text(polygon).strip();
            if (TOO_PRECISE.matcher(text).find()) {
                issues.error(P, "google.polygon.precision", polygon,
                        "use at most " + MAX_DECIMALS + " decimal places in polygon coordinates");
            }
            ring(text).ifPresent(p -> {
                if (!new IsSimpleOp(p.getExteriorRing()).isSimple()) {
                    issues.error(P, "google.polygon.self-intersecting", polygon,
                            "the polygon's edges intersect; Google needs valid polygons without intersecting edges");
                } else {
                    shapes.add(p);
                }
            });
        }
        for (Element circle : Dom.children(area, ns, "circle")) {
            String[] parts = Dom.text(circle).strip().split("\\s+");
            if (parts.length == 2 && parts[1].matches("0*(\\.0*)?")) {
                issues.warn(P, "google.circle.zero-radius", circle,
                        "a circle of radius 0 cannot be shown to anyone by Google");
            }
        }
    }

    /**
     * Google: "If there are non-contiguous areas under the same alert level and type, create separate alert
     * messages." A warning: one Tocsin alert is one decision, and its geocodes name each region exactly.
     */
    private static void contiguity(Element info, List<Geometry> shapes, Issues issues) {
        if (shapes.size() < 2) {
            return;
        }
        // Neighbouring regions' simplified outlines need not touch exactly: a small tolerance (about 1 km) joins them.
        List<Geometry> grown = shapes.stream().map(s -> s.buffer(0.01, 2)).toList();
        int parts = UnaryUnionOp.union(grown).getNumGeometries();
        if (parts > 1) {
            issues.warn(P, "google.area.non-contiguous", info, "the areas form " + parts + " separate parts; Google "
                    + "asks for a separate message per contiguous area");
        }
    }

    private static java.util.Optional<Polygon> ring(String text) {
        String[] points = text.split("\\s+");
        if (points.length < 4) {
            return java.util.Optional.empty();
        }
        Coordinate[] cs = new Coordinate[points.length];
        try {
            for (int i = 0; i < points.length; i++) {
                String[] latLon = points[i].split(",");
                cs[i] = new Coordinate(Double.parseDouble(latLon[1]), Double.parseDouble(latLon[0]));
            }
            return java.util.Optional.of(GEOMETRY.createPolygon(cs));
        } catch (RuntimeException malformed) {
            return java.util.Optional.empty(); // the semantic rules report it
        }
    }

    private static boolean absoluteHttp(String s) {
        try {
            URI u = new URI(s);
            return u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String text(Element parent, String ns, String name) {
        return Dom.childText(parent, ns, name).map(String::strip).orElse("");
    }

    static Element child(Element parent, String ns, String name) {
        return Dom.child(parent, ns, name).orElse(parent);
    }
}
