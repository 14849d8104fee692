package io.tocsin.cap;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Atom CAP feeds (RFC 4287 as used by NWS, Environment Canada, Google Public Alerts): the feed and each entry need a
 * non-empty id and title, entry ids are unique, no unknown element sits in the Atom namespace (other namespaces are
 * extensions and allowed), and each entry carries its CAP message, embedded in {@code <content>} or linked.
 */
final class AtomRules {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Set<String> FEED_CHILDREN = Set.of("author", "category", "contributor", "entry",
            "generator", "icon", "id", "link", "logo", "rights", "subtitle", "title", "updated");
    private static final Set<String> FEED_SINGLE = Set.of("generator", "icon", "id", "logo", "rights",
            "subtitle", "title", "updated");
    private static final Set<String> ENTRY_CHILDREN = Set.of("author", "category", "content", "contributor", "id",
            "link", "published", "rights", "source", "summary", "title", "updated");
    private static final Set<String> ENTRY_SINGLE = Set.of("content", "id", "published", "rights", "source",
            "summary", "title", "updated");
    private static final Set<String> CAP_TYPES = Set.of("application/cap+xml", "application/xml", "text/xml");
    private static final Set<String> CAP_RELS = Set.of("alternate", "related", "enclosure");

    private AtomRules() {
    }

    static void check(Element feed, FeedContext context) {
        Issues issues = context.issues;
        vocabulary(feed, FEED_CHILDREN, FEED_SINGLE, issues);
        if (FeedContext.text(feed, ATOM, "id").isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.id-missing", feed, "the feed has no <id>");
        }
        if (FeedContext.text(feed, ATOM, "title").isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.title-missing", feed, "the feed has no <title>");
        }
        if (Dom.child(feed, ATOM, "updated").isEmpty()) {
            issues.warn(CapIssue.Category.FEED, "feed.updated-missing", feed, "the feed has no <updated>");
        }
        for (Element stray : Dom.children(feed)) {
            if (FeedContext.isCapAlert(stray)) {
                issues.warn(CapIssue.Category.FEED, "feed.alert-outside-entry", stray, "a CAP alert directly under "
                        + "<feed> is extension markup, not an entry; it is ignored");
            }
        }
        Map<String, Element> ids = new HashMap<>();
        for (Element entry : Dom.children(feed, ATOM, "entry")) {
            entry(entry, ids, context);
        }
    }

    private static void entry(Element entry, Map<String, Element> ids, FeedContext context) {
        Issues issues = context.issues;
        vocabulary(entry, ENTRY_CHILDREN, ENTRY_SINGLE, issues);
        Optional<String> id = FeedContext.text(entry, ATOM, "id");
        if (id.isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.entry-id-missing", entry, "the entry has no <id>");
        } else if (ids.containsKey(id.get())) {
            issues.error(CapIssue.Category.FEED, "feed.entry-id-duplicate", Dom.child(entry, ATOM, "id").get(),
                    "entry id " + id.get() + " is already used by " + XPaths.of(ids.get(id.get())));
        } else {
            ids.put(id.get(), entry);
        }
        Optional<String> title = FeedContext.text(entry, ATOM, "title");
        if (title.isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.entry-title-missing", entry, "the entry has no <title>");
        }
        Optional<Element> embedded = Dom.child(entry, ATOM, "content").flatMap(FeedContext::capAlertChild);
        Optional<Element> link = Dom.children(entry, ATOM, "link").stream().filter(AtomRules::isCapLink).findFirst();
        Optional<String> href = link.map(l -> l.getAttribute("href").strip());
        Optional<CapVerdict> message = context.message(entry, embedded, link, href, "the entry has neither a link "
                + "to its CAP message nor a CAP alert embedded in <content>");
        context.entry(new CapFeedEntry(XPaths.of(entry), id, title, href, message));
    }

    // A CAP link: an href, a type that can be CAP (or none), and a rel that points at the content (or none).
    private static boolean isCapLink(Element link) {
        String type = link.getAttribute("type").split(";")[0].strip().toLowerCase(Locale.ROOT);
        String rel = link.getAttribute("rel").strip().toLowerCase(Locale.ROOT);
        return !link.getAttribute("href").isBlank() && (type.isEmpty() || CAP_TYPES.contains(type))
                && (rel.isEmpty() || CAP_RELS.contains(rel));
    }

    private static void vocabulary(Element parent, Set<String> allowed, Set<String> single, Issues issues) {
        Map<String, Integer> seen = new HashMap<>();
        for (Element child : Dom.children(parent)) {
            if (!ATOM.equals(child.getNamespaceURI())) {
                continue;
            }
            String name = child.getLocalName();
            if (!allowed.contains(name)) {
                issues.error(CapIssue.Category.FEED, "feed.unknown-element", child, "<" + name
                        + "> is not an Atom element of <" + parent.getLocalName() + ">");
            } else if (seen.merge(name, 1, Integer::sum) > 1 && single.contains(name)) {
                issues.error(CapIssue.Category.FEED, "feed.duplicate-element", child, "<" + name
                        + "> may appear only once in <" + parent.getLocalName() + ">");
            }
        }
    }
}
