package io.tocsin.push.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks signatures (standardwebhooks.com, spec v1): {@code webhook-signature} is
 * {@code v1,<base64 HMAC-SHA256(key, id "." timestamp "." body)>}, keyed by the base64-decoded part of the secret
 * after {@code whsec_}; several space-separated while a rotated secret and the new one are both valid.
 */
public final class Signatures {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    /** A new secret: 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The header value for {@code secrets} (the current one first). */
    public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
        StringBuilder sb = new StringBuilder();
        for (String s : secrets) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append("v1,").append(sign(s, id, timestamp, body));
        }
        return sb.toString();
    }

    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
