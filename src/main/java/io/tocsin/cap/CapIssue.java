package io.tocsin.cap;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding about a CAP message or feed: what kind of rule it breaks, a stable code, where (an XPath such as
 * {@code /alert/info[1]/area[2]/polygon[1]}) and why, in words. Errors make a verdict invalid; the same record is used
 * for warnings, which never do.
 *
 * @param category the family of rule (see {@link Category})
 * @param code     a stable, dotted identifier such as {@code polygon.not-closed}, for programs and tests
 * @param xpath    where the problem is; {@code /} when it concerns the document as a whole
 * @param message  the reason, for people
 */
public record CapIssue(Category category, String code, String xpath, String message) {

    /** The families of rule, named as in the CAP test corpus's INDEX.csv. */
    public enum Category {
        /** The document is not well-formed XML or does not follow the CAP (or feed) XSD. */
        SCHEMA,
        /** The XSD accepts it, but a CAP rule the XSD cannot express is broken. */
        SEMANTIC,
        /** An XML-DSig signature is bad, or a signature the policy requires is missing. */
        SIGNATURE,
        /** The document tried something dangerous (a DTD, an entity, excessive size or depth). */
        SECURITY,
        /** The root element is not a CAP alert of a supported version. */
        NOT_CAP,
        /** An Atom, RSS or EDXL-DE wrapper breaks a feed rule. */
        FEED,
        /** Valid CAP, but a consumer's profile (Google Public Alerts, IPAWS-like) would refuse or misread it. */
        PROFILE;

        /** The lower-case label used in INDEX.csv and in CLI output, e.g. {@code not-cap}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The category for an INDEX.csv label such as {@code not-cap}. */
        public static Category fromLabel(String label) {
            return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public CapIssue {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(xpath, "xpath");
        Objects.requireNonNull(message, "message");
    }

    /** The same finding seen from an enclosing document: {@code prefix} is the XPath of the embedded root's parent. */
    public CapIssue under(String prefix) {
        return new CapIssue(category, code, prefix + xpath, message);
    }

    @Override
    public String toString() {
        return category.label() + " " + code + " at " + xpath + ": " + message;
    }
}
