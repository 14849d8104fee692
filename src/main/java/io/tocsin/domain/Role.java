package io.tocsin.domain;

import java.util.Locale;

/** What a token may do. Reads are public and need no token. */
public enum Role {
    /** Acts anywhere, manages tokens, reads the audit log. */
    ADMIN,
    /** Issues, updates and ends alerts inside its scope. */
    OPERATOR,
    /** Manages its own integrations and reads non-public data; never writes alerts. */
    INTEGRATOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        return Wire.parse(Role.class, s, Problem.INVALID_FIELD, "role");
    }
}
