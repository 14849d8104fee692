package io.tocsin.domain;

import java.util.Locale;

/**
 * What residents are warned of. Wire names are lower snake case ({@code air_raid}); air raids carry a subtype.
 */
public enum Threat {
    AIR_RAID, ARTILLERY, URBAN_FIGHTS, CHEMICAL, NUCLEAR, INFO;

    /** The subtype of an air raid; other threats use NONE. */
    public enum Subtype {
        DRONES, CRUISE_MISSILE, BALLISTIC_MISSILE, AVIATION, UNSPECIFIED, NONE;

        private final String wire = name().toLowerCase(Locale.ROOT);

        public String wire() {
            return wire;
        }

        public static Subtype parse(String s) {
            return Wire.parse(Subtype.class, s, Problem.UNKNOWN_THREAT, "subtype");
        }
    }

    // Made once: stream filters compare these for every candidate subscriber of every event.
    private final String wire = name().toLowerCase(Locale.ROOT);
    private final String[] withSubtype = withSubtypes(wire);

    public String wire() {
        return wire;
    }

    /** {@code threat:subtype}, e.g. {@code air_raid:drones}: how filters name a threat with its subtype. */
    public String wire(Subtype subtype) {
        return withSubtype[subtype.ordinal()];
    }

    private static String[] withSubtypes(String threat) {
        Subtype[] all = Subtype.values();
        String[] out = new String[all.length];
        for (Subtype s : all) {
            out[s.ordinal()] = threat + ":" + s.wire();
        }
        return out;
    }

    public static Threat parse(String s) {
        return Wire.parse(Threat.class, s, Problem.UNKNOWN_THREAT, "threat");
    }

    /** The subtype to store for this threat when the client gave {@code requested} (may be null). */
    public Subtype normalise(Subtype requested) {
        if (this != AIR_RAID) {
            if (requested != null && requested != Subtype.NONE) {
                throw new DomainException(Problem.UNKNOWN_THREAT, "only air_raid has a subtype, not " + wire());
            }
            return Subtype.NONE;
        }
        if (requested == Subtype.NONE) {
            throw new DomainException(Problem.UNKNOWN_THREAT, "air_raid needs a subtype other than none");
        }
        return requested == null ? Subtype.UNSPECIFIED : requested;
    }
}
