package io.tocsin.cap;

import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/** The wrappers that carry CAP messages, recognised by their root element. */
public enum FeedFormat {
    /** An Atom 1.0 {@code <feed>} (RFC 4287), index or "fat" (alerts embedded in {@code <content>}). */
    ATOM("http://www.w3.org/2005/Atom", "feed"),
    /** An RSS 2.0 {@code <rss>} whose items link to CAP messages. */
    RSS(null, "rss"),
    /** An OASIS EDXL-DE 1.0 {@code <EDXLDistribution>} carrying alerts in embeddedXMLContent. */
    EDXL_DE("urn:oasis:names:tc:emergency:EDXL:DE:1.0", "EDXLDistribution");

    private final String namespace;
    private final String root;

    FeedFormat(String namespace, String root) {
        this.namespace = namespace;
        this.root = root;
    }

    String namespace() {
        return namespace;
    }

    /** The format whose root element this is, if any. */
    public static Optional<FeedFormat> of(Element root) {
        for (FeedFormat format : values()) {
            if (Objects.equals(format.namespace, root.getNamespaceURI()) && format.root.equals(root.getLocalName())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** A hint for an error message when a feed was handed to the message validator. */
    static String hint(Element root) {
        return of(root).map(f -> " (it is a feed in " + f.name() + " format: validate it with CapFeedValidator)")
                .orElse("");
    }
}
