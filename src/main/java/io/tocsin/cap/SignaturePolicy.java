package io.tocsin.cap;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which senders must sign. A present signature is always verified; the policy only decides whether an unsigned
 * message (or one whose signatures cannot be evaluated, e.g. SHA-1) fails with "has not been signed".
 * Senders are compared ignoring ASCII case, as they are usually e-mail addresses or URLs.
 *
 * @param everyone true when every sender must sign
 * @param senders  the senders that must sign, lower-cased (ignored when {@code everyone})
 */
public record SignaturePolicy(boolean everyone, Set<String> senders) {

    public SignaturePolicy {
        senders = senders.stream().map(SignaturePolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** Signatures are verified when present; unsigned messages pass. The default. */
    public static SignaturePolicy optional() {
        return new SignaturePolicy(false, Set.of());
    }

    /** Every message must carry a verifiable signature. */
    public static SignaturePolicy requireAll() {
        return new SignaturePolicy(true, Set.of());
    }

    /** Messages from these senders must carry a verifiable signature; others may be unsigned. */
    public static SignaturePolicy requireFrom(Collection<String> senders) {
        return new SignaturePolicy(false, Set.copyOf(senders));
    }

    /** True when a message from {@code sender} must be signed. */
    public boolean requires(String sender) {
        return everyone || senders.contains(normalise(sender));
    }

    private static String normalise(String sender) {
        return sender.strip().toLowerCase(Locale.ROOT);
    }
}
