package io.tocsin.cap;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that base64 text is in canonical form (RFC 4648 §3.5): the unused low bits before the padding are zero.
 * A lenient decoder maps "…nA=" and "…nB=" to the same bytes, so changing such a character alters a signed message's
 * DigestValue, SignatureValue or certificate text without changing what a decoder sees. Signers never write
 * non-canonical base64; finding it means the text was edited after signing (the WMO tampering samples do exactly that).
 */
final class CanonicalBase64 {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CanonicalBase64() {
    }

    /** Why the text is not canonical base64, or empty when it is. */
    static Optional<String> problem(String text) {
        String compact = WHITESPACE.matcher(text).replaceAll("");
        if (compact.isEmpty()) {
            return Optional.of("it is empty");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return Optional.of("it is not base64 (" + e.getMessage() + ")");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(compact)) {
            return Optional.of("its base64 is not canonical (non-zero padding bits or missing padding), "
                    + "so the text was altered after signing");
        }
        return Optional.empty();
    }
}
