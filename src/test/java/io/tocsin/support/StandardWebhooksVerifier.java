package io.tocsin.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification (standard-webhooks.md,
 * "Verifying signatures"), independently of Tocsin's signer: the signed content is {@code id.timestamp.body}, the
 * key is the base64 after {@code whsec_}, the header holds space-separated {@code v1,<base64>} entries of which one
 * must match (compared in constant time), and a timestamp more than five minutes from now is refused (replay).
 */
public final class StandardWebhooksVerifier {
    public static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    public StandardWebhooksVerifier(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("not a Standard Webhooks secret");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /** Whether the message is authentic and fresh at {@code nowSeconds}. */
    public boolean verify(String id, String timestamp, String signatureHeader, byte[] body, long nowSeconds) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, content, 0, prefix.length);
            System.arraycopy(body, 0, content, prefix.length, body.length);
            expected = mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String entry : signatureHeader.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}
