package io.tocsin.domain;

/** The kinds of event in the log. Wire names look like {@code alert.issued}. */
public enum EventType {
    ISSUED("alert.issued"),
    UPDATED("alert.updated"),
    ENDED("alert.ended");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EventType fromWire(String wire) {
        for (EventType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type " + wire);
    }
}
