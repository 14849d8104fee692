package io.tocsin.compat.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Numeric ids for the APIs that want an int64 per alert record, stable across restarts and processes. */
public final class Ids {
    private Ids() {
    }

    /**
     * A positive id below 2^53 (exact in JavaScript's numbers) from an alert id and a location: SHA-256, so ids are
     * the same on every node and collide with probability ~n²/2^54.
     */
    public static long of(String alertId, int uid) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((alertId + "/" + uid).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return (v & ((1L << 53) - 1)) | 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
