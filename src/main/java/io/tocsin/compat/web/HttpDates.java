package io.tocsin.compat.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP dates (RFC 9110 IMF-fixdate), in and out. */
public final class HttpDates {
    /** Java's RFC_1123_DATE_TIME writes "1 Dec": IMF-fixdate has two digits, "01 Dec". */
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.US);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME;

    private HttpDates() {
    }

    public static String format(long epochSecond) {
        return OUT.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    /** The epoch second of an {@code If-Modified-Since} value, or -1 when it is absent, empty or malformed. */
    public static long parse(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return -1;
        }
        try {
            return ZonedDateTime.parse(value.trim(), FORMAT).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
