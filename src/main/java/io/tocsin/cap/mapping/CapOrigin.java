package io.tocsin.cap.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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

    /**
     * What of a message's origin is kept: sender, identifier, sent, and from the first Ukrainian and English (or
     * language-less) infos the sender name, descriptions, web, contact, category, urgency and certainty, as received.
     */
    static CapOrigin of(Document doc) {
        Element alert = doc.getDocumentElement();
        List<Element> infos = CapReader.children(alert, "info");
        Element uk = null;
        Element en = null;
        for (Element info : infos) {
            String lang = CapReader.text(info, "language").toLowerCase(Locale.ROOT);
            if (uk == null && lang.startsWith("uk")) {
                uk = info;
            } else if (en == null && (lang.isEmpty() || lang.startsWith("en"))) {
                en = info;
            }
        }
        Element any = infos.isEmpty() ? null : infos.get(0);
        return new CapOrigin(0, null, CapReader.text(alert, "sender"), CapReader.text(alert, "identifier"),
                CapReader.text(alert, "sent"), kept(any, "senderName"), kept(uk, "description"),
                kept(en, "description"), kept(any, "web"), kept(any, "contact"), kept(any, "category"),
                kept(any, "urgency"), kept(any, "certainty"));
    }

    private static String kept(Element info, String name) {
        String s = info == null ? "" : CapReader.text(info, name);
        return s.isEmpty() ? null : s;
    }

    static Optional<String> given(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
