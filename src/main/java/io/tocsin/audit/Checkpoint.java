package io.tocsin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement "the chain's head was {@code seq} with {@code hash} at {@code at}". The signature (Ed25519,
 * base64) covers exactly {@link #signedText()}, so a monitor can check it with any Ed25519 implementation.
 */
public record Checkpoint(long seq, String hash, Instant at, String sig) {
    /** Names the format in the signed bytes, so a signature can never be replayed as some other statement. */
    static final String DOMAIN = "tocsin-checkpoint-v1";

    public static Checkpoint sign(CheckpointKey key, long seq, String hash, Instant at) {
        String text = signedText(seq, hash, at);
        return new Checkpoint(seq, hash, at,
                Base64.getEncoder().encodeToString(key.sign(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** {@code tocsin-checkpoint-v1 \n seq \n hash \n at}: the UTF-8 bytes the signature is over. */
    public String signedText() {
        return signedText(seq, hash, at);
    }

    static String signedText(long seq, String hash, Instant at) {
        return DOMAIN + "\n" + seq + "\n" + hash + "\n" + at;
    }

    public boolean verifiesWith(PublicKey key) {
        try {
            return CheckpointKey.verifies(key, signedText().getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(sig));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** One line of the checkpoint file: {@code {"seq":…,"hash":"…","at":"…","sig":"…"}}. */
    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("seq", seq);
        n.put("hash", hash);
        n.put("at", at.toString());
        n.put("sig", sig);
        return n;
    }

    /** Parses one line; throws IllegalArgumentException naming what is wrong. */
    static Checkpoint fromJson(String line) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.path("seq").canConvertToExactIntegral() || !n.path("hash").isTextual()
                || !n.path("at").isTextual() || !n.path("sig").isTextual()) {
            throw new IllegalArgumentException("not a checkpoint (needs seq, hash, at, sig)");
        }
        try {
            return new Checkpoint(n.get("seq").asLong(), n.get("hash").asText(), Instant.parse(n.get("at").asText()),
                    n.get("sig").asText());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'at' is not an ISO-8601 instant");
        }
    }
}
