package io.tocsin.cap.mapping;

import java.util.Optional;

/**
 * Identifiers of the CAP messages Tocsin exports: one per public event of an alert, {@code urn:tocsin:<alert>:<seq>},
 * stable forever because the seq is the event's place in the log.
 */
public final class CapIds {
    static final String PREFIX = "urn:tocsin:";

    private CapIds() {
    }

    public static String identifier(String alertId, long seq) {
        return PREFIX + alertId + ":" + seq;
    }

    /** The alert id inside one of our identifiers. */
    public static Optional<String> alertOf(String identifier) {
        if (!identifier.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = identifier.substring(PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1 || !rest.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(0, colon));
    }
}
