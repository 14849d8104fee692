package io.tocsin.cap.mapping;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.Alert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An Atom 1.0 index feed (RFC 4287) of CAP messages: one entry per message — an alert's issue, each update, its
 * all-clear or cancel — whose id is the message's identifier and whose {@code updated} is its {@code sent}, linking
 * that message immutably ({@code .cap?seq=N}, {@code rel="alternate" type="application/cap+xml"}). A message never
 * changes, so neither does its entry. Long feeds are paged (RFC 5005 {@code rel="next"}). Drills say so in the title.
 */
public final class AtomFeed {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String CAP_TYPE = "application/cap+xml";
    /** Entries per page: 100 entries of at most a few KB stay far below the 900 KB Google reads of a feed. */
    public static final int PAGE = 100;
    /** Characters of region names in an entry's summary; longer lists are cut (the message has them all). */
    static final int SUMMARY_CHARS = 1000;

    private AtomFeed() {
    }

    /** Where the feed and its entries point: the feed's id and URL as requested, and the public base URL. */
    public record Links(String feedId, String self, String base, String next) {
    }

    /**
     * @param page    the messages of this page, newest first
     * @param updated the feed's {@code updated}: when its content last changed
     */
    public static byte[] write(List<LoggedEvent> page, RegionTree tree, String title, Links links, Instant updated) {
        XmlOut x = new XmlOut("feed", ATOM);
        x.leaf("id", links.feedId())
                .leaf("title", title)
                .leaf("updated", atomTime(updated))
                .open("author").leaf("name", "Tocsin").close()
                .empty("link", "rel", "self", "type", "application/atom+xml", "href", links.self())
                .leaf("generator", "Tocsin");
        if (links.next() != null) {
            x.empty("link", "rel", "next", "type", "application/atom+xml", "href", links.next());
        }
        for (LoggedEvent e : page) {
            Alert a = e.event().alert();
            x.open("entry")
                    .leaf("id", CapIds.identifier(a.id(), e.seq()))
                    .leaf("title", entryTitle(a))
                    .leaf("updated", atomTime(e.event().at()))
                    .leaf("published", atomTime(e.event().at()))
                    .empty("link", "rel", "alternate", "type", CAP_TYPE,
                            "href", links.base() + "/api/v1/alerts/" + a.id() + ".cap?seq=" + e.seq())
                    .empty("link", "rel", "related", "type", "text/html", "href", CapExporter.web(links.base(), a.id()))
                    .empty("category", "scheme", "urn:tocsin:threat",
                            "term", CapTerms.eventCode(a.threat(), a.subtype()))
                    .empty("category", "scheme", "urn:oasis:names:tc:emergency:cap:1.2:msgType",
                            "term", CapExporter.msgType(e))
                    .leaf("summary", summary(a, tree))
                    .close();
        }
        return x.finish();
    }

    /** The message's headlines, uk / en: a drill's prefix and an end's words included. */
    static String entryTitle(Alert a) {
        StringBuilder sb = new StringBuilder();
        for (Lang lang : Lang.values()) {
            String event = CapTerms.event(a.threat(), a.subtype(), lang);
            if (!sb.isEmpty()) {
                sb.append(" / ");
            }
            String headline = CapExporter.headline(a, lang, event);
            sb.append(headline.isEmpty() ? event : headline);
        }
        return sb.toString();
    }

    private static String summary(Alert a, RegionTree tree) {
        List<String> names = a.regions().stream().map(c -> tree.find(c).map(r -> r.nameUk() + " / " + r.nameEn())
                .orElse(c)).toList();
        String drill = CapTerms.drillNotice(a.status(), Lang.UK);
        String where = String.join("; ", names);
        if (where.length() > SUMMARY_CHARS) {
            where = where.substring(0, SUMMARY_CHARS) + "… (" + names.size() + ")";
        }
        return (drill.isEmpty() ? "" : drill + " / " + CapTerms.drillNotice(a.status(), Lang.EN) + ". ") + where;
    }

    private static String atomTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
