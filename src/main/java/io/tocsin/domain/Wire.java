package io.tocsin.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower snake case wire names of enums, naming the accepted values when a name is unknown. */
final class Wire {
    private Wire() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, Problem problem, String field) {
        if (value == null || value.isBlank()) {
            throw new DomainException(problem == Problem.UNKNOWN_THREAT ? problem : Problem.INVALID_FIELD,
                    field + " is required");
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        throw new DomainException(problem, "unknown " + field + " '" + value + "'; expected one of: " + accepted);
    }
}
