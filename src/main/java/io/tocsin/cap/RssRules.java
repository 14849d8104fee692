package io.tocsin.cap;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * RSS 2.0 CAP feeds (NY Alert and the like): a channel with title, link and description; items with a title or a
 * description and a link to their CAP message (or a CAP alert as an extension element). RSS has no mandatory id, so a
 * missing guid is a warning, but guids that are present must be unique.
 */
final class RssRules {
    private RssRules() {
    }

    static void check(Element rss, FeedContext context) {
        Issues issues = context.issues;
        if (!"2.0".equals(rss.getAttribute("version").strip())) {
            issues.warn(CapIssue.Category.FEED, "feed.rss-version", rss, "the feed does not say version=\"2.0\"; it "
                    + "is checked as RSS 2.0");
        }
        Optional<Element> channel = Dom.child(rss, null, "channel");
        if (channel.isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.channel-missing", rss, "the RSS feed has no <channel>");
            return;
        }
        for (String required : new String[] {"title", "link", "description"}) {
            if (FeedContext.text(channel.get(), null, required).isEmpty()) {
                issues.error(CapIssue.Category.FEED, "feed." + required + "-missing", channel.get(),
                        "the channel has no <" + required + "> (RSS 2.0 requires it)");
            }
        }
        if (Dom.child(channel.get(), null, "pubDate").isEmpty()) {
            issues.warn(CapIssue.Category.FEED, "feed.pubdate-missing", channel.get(),
                    "the channel has no <pubDate>; readers cannot tell how fresh it is");
        }
        Map<String, Element> guids = new HashMap<>();
        for (Element item : Dom.children(channel.get(), null, "item")) {
            item(item, guids, context);
        }
    }

    private static void item(Element item, Map<String, Element> guids, FeedContext context) {
        Issues issues = context.issues;
        Optional<String> guid = FeedContext.text(item, null, "guid");
        if (guid.isEmpty()) {
            issues.warn(CapIssue.Category.FEED, "feed.entry-guid-missing", item, "the item has no <guid>; "
                    + "consumers cannot tell a new alert from a repeated one");
        } else if (guids.containsKey(guid.get())) {
            issues.error(CapIssue.Category.FEED, "feed.entry-id-duplicate", Dom.child(item, null, "guid").get(),
                    "guid " + guid.get() + " is already used by " + XPaths.of(guids.get(guid.get())));
        } else {
            guids.put(guid.get(), item);
        }
        Optional<String> title = FeedContext.text(item, null, "title")
                .or(() -> FeedContext.text(item, null, "description"));
        if (title.isEmpty()) {
            issues.error(CapIssue.Category.FEED, "feed.entry-title-missing", item,
                    "the item needs a <title> or a <description>");
        }
        Optional<Element> embedded = FeedContext.capAlertChild(item);
        Optional<Element> link = Dom.child(item, null, "link").filter(l -> !Dom.text(l).isEmpty())
                .or(() -> Dom.children(item, null, "enclosure").stream().filter(RssRules::isCapEnclosure)
                        .findFirst());
        Optional<String> href = link.map(l -> "link".equals(l.getLocalName()) ? Dom.text(l)
                : l.getAttribute("url").strip());
        Optional<CapVerdict> message = context.message(item, embedded, link, href,
                "the item has neither a <link> to its CAP message nor an embedded CAP alert");
        context.entry(new CapFeedEntry(XPaths.of(item), guid, title, href, message));
    }

    private static boolean isCapEnclosure(Element enclosure) {
        return !enclosure.getAttribute("url").isBlank()
                && "application/cap+xml".equals(enclosure.getAttribute("type").strip().toLowerCase(Locale.ROOT));
    }
}
