package io.tocsin.cap;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What the feed rules share while checking one feed: the message validator, the resolver, findings, entries. */
final class FeedContext {
    private static final Pattern CAP_NAMESPACE = Pattern.compile("urn:oasis:names:tc:emergency:cap:[\\d.]+");

    final Issues issues = new Issues();
    private final CapValidator messages;
    private final CapLinkResolver resolver;
    private final List<CapFeedEntry> entries = new ArrayList<>();

    FeedContext(CapValidator messages, CapLinkResolver resolver) {
        this.messages = messages;
        this.resolver = resolver;
    }

    /** True for a CAP alert element of any version, supported or not (the message validator says which). */
    static boolean isCapAlert(Element e) {
        String ns = e.getNamespaceURI();
        return "alert".equals(e.getLocalName()) && ns != null
                && (CAP_NAMESPACE.matcher(ns).matches() || ns.equals(CapVersion.V1_0.namespace()));
    }

    /** The first CAP alert among the children of {@code parent}, if any. */
    static Optional<Element> capAlertChild(Node parent) {
        return Dom.children(parent).stream().filter(FeedContext::isCapAlert).findFirst();
    }

    /** Validates an alert embedded in the feed as the standalone message it is. */
    CapVerdict embedded(Element alert) {
        CapVerdict verdict = messages.validate(Dom.extract(alert));
        record(verdict, alert, XPaths.of(alert.getParentNode()), "the embedded CAP alert");
        return verdict;
    }

    /**
     * The verdict on an entry's CAP message: the embedded alert if there is one, else the linked message (when a
     * resolver was supplied); with neither, {@code missing} is reported as an error on {@code entry}.
     */
    Optional<CapVerdict> message(Element entry, Optional<Element> embedded, Optional<Element> link,
                                 Optional<String> href, String missing) {
        if (embedded.isPresent()) {
            return Optional.of(embedded(embedded.get()));
        }
        if (link.isPresent()) {
            return linked(href.get(), link.get());
        }
        issues.error(CapIssue.Category.FEED, "feed.entry-no-cap", entry, missing);
        return Optional.empty();
    }

    /** Validates the message behind a link when a resolver was supplied; never fetches otherwise. */
    Optional<CapVerdict> linked(String href, Element link) {
        if (resolver == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(href);
        } catch (IllegalArgumentException e) {
            issues.error(CapIssue.Category.FEED, "feed.link-malformed", link, "the CAP link \"" + href
                    + "\" is not a URI: " + e.getMessage());
            return Optional.empty();
        }
        Optional<byte[]> bytes;
        String failure = "";
        try {
            bytes = resolver.fetch(uri);
        } catch (IOException e) {
            bytes = Optional.empty();
            failure = " (" + e.getMessage() + ")";
        }
        if (bytes.isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.link-unresolved", link, "the CAP message at " + href
                    + " could not be fetched" + failure);
            return Optional.empty();
        }
        CapVerdict verdict = messages.validate(bytes.get());
        record(verdict, link, XPaths.of(link), "the linked CAP message " + href);
        return Optional.of(verdict);
    }

    void entry(CapFeedEntry entry) {
        entries.add(entry);
    }

    CapFeedVerdict verdict(FeedFormat format) {
        return new CapFeedVerdict(Optional.of(format), entries, issues.errors(), issues.warnings());
    }

    private void record(CapVerdict verdict, Element where, String prefix, String what) {
        if (!verdict.valid()) {
            issues.error(CapIssue.Category.FEED, "feed.invalid-cap", where, what + " is invalid ("
                    + verdict.issues().size() + " error(s), listed with their paths)");
        }
        issues.addEmbedded(verdict, prefix);
    }

    /** The trimmed text of a child, treating an empty one as absent. */
    static Optional<String> text(Element parent, String namespace, String localName) {
        return Dom.childText(parent, namespace, localName).filter(s -> !s.isEmpty());
    }
}
