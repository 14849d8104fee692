package io.tocsin.cap;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CAP's date-time form: {@code 2002-05-24T16:49:00-07:00}. Stricter than xs:dateTime on purpose: CAP forbids
 * fractional seconds and the "Z" designator (UTC is written {@code -00:00}), and requires the offset. The CAP 1.2 XSD
 * has the same pattern; 1.0 and 1.1 only say it in the specification text, so Tocsin checks it for every version.
 */
final class CapDates {
    private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
    private static final Pattern FRACTION = Pattern.compile(".*T\\d{2}:\\d{2}:\\d{2}\\.\\d+.*");

    private CapDates() {
    }

    /** The instant, when the text is a CAP date-time. */
    static Optional<OffsetDateTime> parse(String text) {
        if (!FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Why the text is not a CAP date-time, for an error message; call only when {@link #parse} was empty. */
    static String problem(String text) {
        if (text.isEmpty()) {
            return "it is empty";
        }
        if (FRACTION.matcher(text).matches()) {
            return "fractional seconds are not allowed in CAP";
        }
        if (text.endsWith("Z") || text.endsWith("z")) {
            return "\"Z\" is not allowed in CAP; write UTC as -00:00";
        }
        if (!FORM.matcher(text).matches()) {
            return "it must look like 2002-05-24T16:49:00-07:00 (no fractional seconds, explicit offset)";
        }
        return "it is not a real date and time (month, day, hour, minute or offset out of range)";
    }
}
