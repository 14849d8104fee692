package io.tocsin.cap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;

/**
 * Validates a document whatever it is: a feed or EDXL-DE distribution goes to the {@link CapFeedValidator}, anything
 * else to the {@link CapValidator} (which says "not CAP" when it is not an alert). Used by {@code tocsin cap validate}.
 * The document is parsed once, at the larger of the two size limits; a message must still fit the message limit.
 */
public final class CapInspector {
    private final CapValidator messages;
    private final CapFeedValidator feeds;

    public CapInspector(CapValidator messages, CapFeedValidator feeds) {
        this.messages = Objects.requireNonNull(messages);
        this.feeds = Objects.requireNonNull(feeds);
    }

    public CapReport inspect(byte[] xml) {
        Document document;
        try {
            document = SecureXml.parse(xml, limit());
        } catch (XmlRefusedException e) {
            return CapVerdict.refused(List.of(e.issue()));
        }
        if (FeedFormat.of(document.getDocumentElement()).isPresent()) {
            return xml.length > feeds.maxBytes() ? tooLarge(feeds.maxBytes()) : feeds.validate(document);
        }
        return xml.length > messages.maxBytes() ? tooLarge(messages.maxBytes()) : messages.validate(document);
    }

    /** Reads the file (refusing it unread beyond the larger size limit) and inspects it. */
    public CapReport inspect(Path file) throws IOException {
        try {
            return inspect(SecureXml.readBounded(file, limit()));
        } catch (XmlRefusedException e) {
            return CapVerdict.refused(List.of(e.issue()));
        }
    }

    private long limit() {
        return Math.max(messages.maxBytes(), feeds.maxBytes());
    }

    private static CapVerdict tooLarge(long limit) {
        return CapVerdict.refused(List.of(new CapIssue(CapIssue.Category.SECURITY, "security.too-large", "/",
                "the document is larger than the limit of " + limit + " bytes")));
    }
}
