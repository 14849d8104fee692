package io.tocsin.cap;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry (Atom), item (RSS) or embedded content object (EDXL-DE) of a feed, as the validator saw it.
 *
 * @param xpath   where the entry is in the feed
 * @param id      its atom:id, RSS guid or EDXL-DE distribution id
 * @param title   its title (RSS: title or description; EDXL-DE: contentDescription)
 * @param capLink the link to its CAP message, when it has one
 * @param message the verdict on its CAP message: the embedded one, or the linked one when a resolver fetched it;
 *                empty when there was nothing to validate
 */
public record CapFeedEntry(String xpath, Optional<String> id, Optional<String> title, Optional<String> capLink,
                           Optional<CapVerdict> message) {
    public CapFeedEntry {
        Objects.requireNonNull(xpath, "xpath");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(capLink, "capLink");
        Objects.requireNonNull(message, "message");
    }
}
