package io.tocsin.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain rule: {@code hash = SHA-256(prev_hash ‖ seq ‖ type ‖ at ‖ alert_id ‖ actor ‖ payload)} over the
 * stored column values (newline-separated), so any change to any stored column of any row breaks the chain there.
 * {@code alert_id} is covered too although the payload repeats it: it is the indexed column that lookups by alert
 * use, so an edit to it alone must not pass the audit.
 */
public final class ChainHash {
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String prevHash, long seq, String type, String at, String alertId, String actor,
                            String payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            String canonical = "\n" + seq + "\n" + type + "\n" + at + "\n" + alertId + "\n" + actor + "\n" + payload;
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
