package io.tocsin.cap;

import java.util.Objects;

/**
 * One entry of a CAP {@code <references>} element: the extended message identifier {@code sender,identifier,sent} of
 * an earlier message. The validator hands these to the "known message" predicate the importer may supply.
 *
 * @param sender     the earlier message's {@code sender}
 * @param identifier its {@code identifier}
 * @param sent       its {@code sent}, exactly as written (a CAP date-time)
 */
public record CapReference(String sender, String identifier, String sent) {
    public CapReference {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sent, "sent");
    }

    @Override
    public String toString() {
        return sender + "," + identifier + "," + sent;
    }
}
