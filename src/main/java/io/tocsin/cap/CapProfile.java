package io.tocsin.cap;

import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A consumer's profile of CAP 1.2: what it demands beyond the standard, checked after the schema and the semantic
 * rules so an operator sees before publishing what that consumer would refuse. Findings are of category
 * {@link CapIssue.Category#PROFILE} with codes {@code google.…} or {@code ipaws.…}; each rule, and the published text
 * it comes from, is listed in docs/cap.md ("Profiles").
 */
public enum CapProfile {
    /** Google Public Alerts: the CAP-Google data dictionary and Google's CAP requirements. */
    GOOGLE("google"),
    /** The OASIS CAP 1.2 IPAWS profile v1.0 (the US gateway's), as far as it binds outside the US. */
    IPAWS_LIKE("ipaws-like");

    private final String wire;

    CapProfile(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<CapProfile> of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (CapProfile p : values()) {
            if (p.wire.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    void check(Element alert, CapVersion version, Issues issues) {
        switch (this) {
            case GOOGLE -> GoogleProfileRules.check(alert, version.namespace(), issues);
            case IPAWS_LIKE -> IpawsProfileRules.check(alert, version.namespace(), issues);
        }
    }
}
