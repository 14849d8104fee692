package io.tocsin.domain;

/**
 * An event as the log holds it: its global sequence number and its link in the hash chain.
 * {@code hash = SHA-256(prevHash ‖ canonical bytes of (seq, event))}, hex-encoded.
 */
public record LoggedEvent(long seq, Event event, String prevHash, String hash) {
    /** The previous hash of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);
}
