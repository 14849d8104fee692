package io.tocsin.cap.mapping;

import java.util.List;
import java.util.Optional;

/**
 * Where an imported message came from and what of it Tocsin keeps beyond the alert itself: its sender, identifier
 * and sent (cited, as {@code sender,identifier,sent}, in every message exported from the alert after it), and the
 * originator's own words and assessment, which the exported version made from it carries instead of Tocsin's
 * defaults. Empty strings are not kept (null).
 *
 * @param seq the event the import became (its issue, update, end, or the held request an approval releases)
 */
public record CapOrigin(long seq, String alertId, String sender, String identifier, String sent, String senderName,
                        String descriptionUk, String descriptionEn, String web, String contact, String category,
                        String urgency, String certainty) {

    /** The same origin, placed: the event it became, on which alert. */
    public CapOrigin at(long eventSeq, String alert) {
        return new CapOrigin(eventSeq, alert, sender, identifier, sent, senderName, descriptionUk, descriptionEn, web,
                contact, category, urgency, certainty);
    }

    /** The citation, in the form of a CAP reference. */
    public String citation() {
        return sender + "," + identifier + "," + sent;
    }

    /** Durable storage of origins, in the database of the event log. */
    public interface Store {
        void record(CapOrigin origin);

        /** Every origin recorded for the alert, in seq order. */
        List<CapOrigin> forAlert(String alertId);

        /** Nothing durable: for tests and tools that export only. */
        Store NONE = new Store() {
            @Override
            public void record(CapOrigin origin) {
            }

            @Override
            public List<CapOrigin> forAlert(String alertId) {
                return List.of();
            }
        };
    }

    static Optional<String> given(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
