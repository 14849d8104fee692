package io.tocsin.cap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The message-level CAP rules the XSD cannot express: identifier and sender characters, the date-time form, expiry
 * before sending (nor before effective and onset), well-formed references that point to known messages, references
 * for the message types that act on earlier messages, and addresses for private messages.
 */
final class AlertRules {
    // CAP: identifier and sender "MUST NOT include spaces, commas or restricted characters (< and &)".
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s,<&]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Update, Cancel, Ack and Error are defined by the messages they act on ("identified in <references>").
    private static final Set<String> ACTS_ON_EARLIER = Set.of("Update", "Cancel", "Ack", "Error");

    private AlertRules() {
    }

    static void check(Element alert, CapVersion version, Predicate<CapReference> knownMessages, Issues issues) {
        String ns = version.namespace();
        for (Element identifier : Dom.children(alert, ns, "identifier")) {
            checkName(identifier, "identifier", issues);
        }
        for (Element sender : Dom.children(alert, ns, "sender")) {
            checkName(sender, "sender", issues);
        }
        Optional<OffsetDateTime> sent = Dom.child(alert, ns, "sent").flatMap(e -> date(e, issues));
        checkReferences(alert, version, knownMessages, issues);
        if (Dom.childText(alert, ns, "scope").filter("Private"::equals).isPresent()
                && Dom.childText(alert, ns, "addresses").filter(a -> !a.isEmpty()).isEmpty()) {
            issues.error(CapIssue.Category.SEMANTIC, "addresses.required", alert,
                    "a message with scope Private must list its recipients in <addresses>");
        }
        for (Element info : Dom.children(alert, ns, "info")) {
            checkTimes(info, ns, sent, issues);
        }
    }

    private static void checkName(Element element, String name, Issues issues) {
        String value = Dom.text(element);
        if (value.isEmpty()) {
            issues.error(CapIssue.Category.SEMANTIC, name + ".empty", element, "<" + name + "> must not be empty");
        } else if (FORBIDDEN.matcher(value).find()) {
            issues.error(CapIssue.Category.SEMANTIC, name + ".characters", element, "<" + name + "> \"" + value
                    + "\" must not contain spaces, commas, '<' or '&'");
        }
    }

    private static Optional<OffsetDateTime> date(Element element, Issues issues) {
        String text = Dom.text(element);
        Optional<OffsetDateTime> parsed = CapDates.parse(text);
        if (parsed.isEmpty()) {
            issues.error(CapIssue.Category.SEMANTIC, "date.format", element, "<" + element.getLocalName() + "> \""
                    + text + "\" is not a CAP date-time: " + CapDates.problem(text));
        }
        return parsed;
    }

    private static void checkTimes(Element info, String ns, Optional<OffsetDateTime> sent, Issues issues) {
        Optional<OffsetDateTime> effective = Dom.child(info, ns, "effective").flatMap(e -> date(e, issues));
        Optional<OffsetDateTime> onset = Dom.child(info, ns, "onset").flatMap(e -> date(e, issues));
        Optional<Element> expiresElement = Dom.child(info, ns, "expires");
        Optional<OffsetDateTime> expires = expiresElement.flatMap(e -> date(e, issues));
        if (expires.isEmpty()) {
            return;
        }
        Element where = expiresElement.get();
        notAfter(where, expires.get(), sent, "sent", issues);
        notAfter(where, expires.get(), effective, "effective", issues);
        notAfter(where, expires.get(), onset, "onset", issues);
    }

    private static void notAfter(Element where, OffsetDateTime expires, Optional<OffsetDateTime> earlier,
                                 String earlierName, Issues issues) {
        if (earlier.isEmpty()) {
            return;
        }
        if (expires.isBefore(earlier.get())) {
            issues.error(CapIssue.Category.SEMANTIC, "expires.before-" + earlierName, where, "<expires> "
                    + expires + " is before <" + earlierName + "> " + earlier.get());
        } else if (expires.isEqual(earlier.get())) {
            // NOAA's tsunami centre ends a series with expires = sent = onset: "over as of now", not a typo.
            issues.warn(CapIssue.Category.SEMANTIC, "expires.at-" + earlierName, where, "<expires> is the same "
                    + "instant as <" + earlierName + ">: the information is over as soon as it applies");
        }
    }

    private static void checkReferences(Element alert, CapVersion version, Predicate<CapReference> known,
                                        Issues issues) {
        String ns = version.namespace();
        Optional<Element> element = Dom.child(alert, ns, "references");
        String text = element.map(Dom::text).orElse("");
        String msgType = Dom.childText(alert, ns, "msgType").orElse("");
        if (text.isEmpty()) {
            element.ifPresent(e -> issues.warn(CapIssue.Category.SEMANTIC, "references.empty", e,
                    "an empty <references/> refers to no message and is ignored"));
            if (ACTS_ON_EARLIER.contains(msgType)) {
                issues.error(CapIssue.Category.SEMANTIC, "references.required", element.orElse(alert),
                        "a msgType " + msgType + " message must name the message(s) it acts on in <references> "
                                + "(sender,identifier,sent)");
            }
            return;
        }
        List<String> entries = List.of(WHITESPACE.split(text));
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (version == CapVersion.V1_0) {
                // CAP 1.0 references are plain identifiers; the sender,identifier,sent form arrived in 1.1.
                if (entry.contains("<") || entry.contains("&")) {
                    malformed(element.get(), i, entry, "an identifier must not contain '<' or '&'", issues);
                }
                continue;
            }
            Optional<CapReference> reference = parse(element.get(), i, entry, issues);
            if (reference.isPresent() && known != null && !known.test(reference.get())) {
                issues.error(CapIssue.Category.SEMANTIC, "references.unknown", element.get(), "reference " + (i + 1)
                        + " points to a message this system does not know: " + reference.get());
            }
        }
    }

    private static Optional<CapReference> parse(Element where, int index, String entry, Issues issues) {
        String[] parts = entry.split(",", -1);
        if (parts.length != 3) {
            malformed(where, index, entry, "it must be sender,identifier,sent (three comma-separated parts)", issues);
            return Optional.empty();
        }
        for (int p = 0; p < 2; p++) {
            if (parts[p].isEmpty() || FORBIDDEN.matcher(parts[p]).find()) {
                malformed(where, index, entry, (p == 0 ? "the sender" : "the identifier")
                        + " must be non-empty and free of '<' and '&'", issues);
                return Optional.empty();
            }
        }
        if (CapDates.parse(parts[2]).isEmpty()) {
            malformed(where, index, entry, "its sent part: " + CapDates.problem(parts[2]), issues);
            return Optional.empty();
        }
        return Optional.of(new CapReference(parts[0], parts[1], parts[2]));
    }

    private static void malformed(Element where, int index, String entry, String why, Issues issues) {
        issues.error(CapIssue.Category.SEMANTIC, "references.malformed", where, "reference " + (index + 1) + " \""
                + entry + "\" is malformed: " + why);
    }
}
