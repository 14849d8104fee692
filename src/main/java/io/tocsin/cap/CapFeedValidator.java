package io.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Validates Atom and RSS CAP feeds and EDXL-DE distributions: the wrapper's own rules and every CAP message inside,
 * with the {@link CapValidator} given (signature policy, leniency and all). Linked messages are validated only when a
 * {@link CapLinkResolver} is supplied; nothing is fetched otherwise. Immutable and thread-safe.
 */
public final class CapFeedValidator {
    private final CapValidator messages;
    private final CapLinkResolver resolver;
    private final long maxBytes;

    private CapFeedValidator(Builder builder) {
        this.messages = builder.messages;
        this.resolver = builder.resolver;
        this.maxBytes = builder.maxBytes;
    }

    /** Strict message validation, no resolver, 8 MiB limit. */
    public static CapFeedValidator standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The size limit for a feed, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    public CapFeedVerdict validate(byte[] xml) {
        try {
            return validate(SecureXml.parse(xml, maxBytes));
        } catch (XmlRefusedException e) {
            return refused(e.issue());
        }
    }

    /** Reads at most {@link #maxBytes()} from the stream and validates them. */
    public CapFeedVerdict validate(InputStream in) throws IOException {
        try {
            return validate(SecureXml.readBounded(in, maxBytes));
        } catch (XmlRefusedException e) {
            return refused(e.issue());
        }
    }

    /** Validates a file, refusing it unread when it is larger than {@link #maxBytes()}. */
    public CapFeedVerdict validate(Path file) throws IOException {
        try {
            return validate(SecureXml.readBounded(file, maxBytes));
        } catch (XmlRefusedException e) {
            return refused(e.issue());
        }
    }

    /** Validates a document parsed by {@link SecureXml#parse}; the document is not modified. */
    public CapFeedVerdict validate(Document document) {
        Element root = document.getDocumentElement();
        Optional<FeedFormat> format = FeedFormat.of(root);
        if (format.isEmpty()) {
            return refused(new CapIssue(CapIssue.Category.FEED, "feed.unknown-format", "/" + root.getLocalName(),
                    "the root element <" + root.getLocalName() + "> is not an Atom feed, an RSS feed or an EDXL-DE "
                            + "distribution"));
        }
        FeedContext context = new FeedContext(messages, resolver);
        switch (format.get()) {
            case ATOM -> AtomRules.check(root, context);
            case RSS -> RssRules.check(root, context);
            case EDXL_DE -> EdxlRules.check(root, context);
        }
        return context.verdict(format.get());
    }

    private static CapFeedVerdict refused(CapIssue issue) {
        return new CapFeedVerdict(Optional.empty(), List.of(), List.of(issue), List.of());
    }

    /** Configures a {@link CapFeedValidator}. */
    public static final class Builder {
        private CapValidator messages = CapValidator.strict();
        private CapLinkResolver resolver;
        private long maxBytes = SecureXml.FEED_LIMIT;

        private Builder() {
        }

        /** The validator for the messages inside; {@link CapValidator#strict()} by default. */
        public Builder messages(CapValidator messages) {
            this.messages = Objects.requireNonNull(messages);
            return this;
        }

        /** Fetches linked messages; none by default, so that validation never touches the network. */
        public Builder resolver(CapLinkResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** The size limit for a feed; {@link SecureXml#FEED_LIMIT} (8 MiB) by default. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public CapFeedValidator build() {
            return new CapFeedValidator(this);
        }
    }
}
