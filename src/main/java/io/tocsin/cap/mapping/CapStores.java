package io.tocsin.cap.mapping;

/** The durable CAP state beside the event log: links of imported messages to alerts, and their origins. */
public record CapStores(CapLinks.Store links, CapOrigin.Store origins) {
    public static final CapStores NONE = new CapStores(CapLinks.Store.NONE, CapOrigin.Store.NONE);
}
