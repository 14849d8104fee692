package io.tocsin.cap;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The geometry rules of {@code <area>}: polygons are closed rings of at least four "lat,lon" points (CAP: "a minimum
 * of 4 coordinate pairs MUST be present and the first and last pairs of coordinates MUST be the same"), separated by
 * single spaces (other whitespace is a warning), circles are "lat,lon radius" with radius ≥ 0, coordinates are WGS 84
 * in range, and altitude/ceiling are non-negative numbers with the ceiling only alongside, and not below, the altitude.
 *
 * <p>Polygons are split by hand rather than matched by one regular expression: the WMO Burkina Faso alerts carry
 * polygons of tens of thousands of points, on which a whole-string regex overflows the stack.
 */
final class AreaRules {
    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern POINT = Pattern.compile("(" + NUMBER + "),(" + NUMBER + ")");
    private static final Pattern CIRCLE = Pattern.compile("(" + NUMBER + "),(" + NUMBER + ") (" + NUMBER + ")");
    private static final Pattern DECIMAL = Pattern.compile(NUMBER);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AreaRules() {
    }

    static void check(Element alert, CapVersion version, Issues issues) {
        String ns = version.namespace();
        for (Element info : Dom.children(alert, ns, "info")) {
            for (Element area : Dom.children(info, ns, "area")) {
                Dom.children(area, ns, "polygon").forEach(polygon -> polygon(polygon, issues));
                Dom.children(area, ns, "circle").forEach(circle -> circle(circle, issues));
                heights(area, ns, issues);
            }
        }
    }

    private static void polygon(Element polygon, Issues issues) {
        String text = Dom.text(polygon);
        if (text.isEmpty()) {
            // Israel's IMS and the NWS send <polygon/> next to geocodes; it describes no area, so it is skipped.
            issues.warn(CapIssue.Category.SEMANTIC, "polygon.empty", polygon,
                    "<polygon> is empty; it describes no area and is ignored");
            return;
        }
        if (text.contains("  ") || text.chars().anyMatch(c -> Character.isWhitespace(c) && c != ' ')) {
            // CAP says single spaces, but Mexico's SMN and Macao's SMG wrap long polygons over lines; the points
            // are unambiguous either way.
            issues.warn(CapIssue.Category.SEMANTIC, "polygon.spacing", polygon,
                    "polygon points should be separated by single spaces (line breaks or runs of spaces found)");
        }
        String[] points = WHITESPACE.split(text);
        double[] first = null;
        double[] last = null;
        for (int i = 0; i < points.length; i++) {
            Matcher m = POINT.matcher(points[i]);
            if (!m.matches()) {
                issues.error(CapIssue.Category.SEMANTIC, "polygon.syntax", polygon, "polygon point " + (i + 1)
                        + " \"" + points[i] + "\" is not \"lat,lon\" (two decimal numbers, a comma, no space)");
                return;
            }
            last = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            if (!inRange(last[0], last[1])) {
                issues.error(CapIssue.Category.SEMANTIC, "polygon.range", polygon, "polygon point " + (i + 1)
                        + " \"" + points[i] + "\" is out of range (latitude -90..90, longitude -180..180)");
                return;
            }
            first = first == null ? last : first;
        }
        if (points.length < 4) {
            issues.error(CapIssue.Category.SEMANTIC, "polygon.too-few-points", polygon, "a polygon needs at least "
                    + "4 points (3 corners and the first repeated to close it); this one has " + points.length);
        } else if (first[0] != last[0] || first[1] != last[1]) {
            issues.error(CapIssue.Category.SEMANTIC, "polygon.not-closed", polygon, "the polygon is not closed: "
                    + "its last point \"" + points[points.length - 1] + "\" must repeat its first \"" + points[0]
                    + "\"");
        }
    }

    private static void circle(Element circle, Issues issues) {
        String text = Dom.text(circle);
        Matcher m = CIRCLE.matcher(text);
        if (!m.matches()) {
            issues.error(CapIssue.Category.SEMANTIC, "circle.syntax", circle, "<circle> \"" + text + "\" is not "
                    + "\"lat,lon radius\" (a point, one space, a radius in km), e.g. \"32.9525,-115.5527 0\"");
            return;
        }
        if (!inRange(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)))) {
            issues.error(CapIssue.Category.SEMANTIC, "circle.range", circle, "the centre of <circle> \"" + text
                    + "\" is out of range (latitude -90..90, longitude -180..180)");
        }
        if (new BigDecimal(m.group(3)).signum() < 0) {
            issues.error(CapIssue.Category.SEMANTIC, "circle.radius", circle, "the radius of <circle> \"" + text
                    + "\" is negative");
        }
    }

    private static void heights(Element area, String ns, Issues issues) {
        Optional<Element> altitudeElement = Dom.child(area, ns, "altitude");
        Optional<BigDecimal> altitude = altitudeElement.flatMap(e -> height(e, issues));
        Optional<Element> ceilingElement = Dom.child(area, ns, "ceiling");
        if (ceilingElement.isEmpty()) {
            return;
        }
        Optional<BigDecimal> ceiling = height(ceilingElement.get(), issues);
        if (altitudeElement.isEmpty()) {
            issues.error(CapIssue.Category.SEMANTIC, "ceiling.without-altitude", area,
                    "<ceiling> is only meaningful with an <altitude> (the lower bound of the same area)");
        } else if (altitude.isPresent() && ceiling.isPresent() && ceiling.get().compareTo(altitude.get()) < 0) {
            issues.error(CapIssue.Category.SEMANTIC, "ceiling.below-altitude", ceilingElement.get(), "<ceiling> "
                    + ceiling.get().toPlainString() + " is below <altitude> " + altitude.get().toPlainString());
        }
    }

    // Altitude and ceiling are feet above mean sea level. Negative values are refused as google/cap-library and its
    // extended XSD refuse them; the CAP 1.0 and 1.1 schemas type them as plain strings, hence the syntax check.
    private static Optional<BigDecimal> height(Element element, Issues issues) {
        String name = element.getLocalName();
        String text = Dom.text(element);
        if (!DECIMAL.matcher(text).matches()) {
            issues.error(CapIssue.Category.SEMANTIC, name + ".syntax", element, "<" + name + "> \"" + text
                    + "\" is not a decimal number of feet");
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() < 0) {
            issues.error(CapIssue.Category.SEMANTIC, name + ".negative", element, "<" + name + "> " + text
                    + " is negative");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static boolean inRange(double lat, double lon) {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }
}
