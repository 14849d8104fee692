package io.tocsin.cap.mapping;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.Alert;
import io.tocsin.domain.RegionTree;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * An Atom 1.0 index feed (RFC 4287) of alerts: each entry names one alert and links its current CAP message
 * ({@code rel="alternate" type="application/cap+xml"}). Entry ids are per alert ({@code urn:tocsin:alert:<id>}), so an
 * update shows as the same entry with a later {@code updated}. Drills say so in the title.
 */
public final class AtomFeed {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String CAP_TYPE = "application/cap+xml";

    private AtomFeed() {
    }

    /**
     * @param feedId  the feed's permanent id
     * @param self    the absolute URL of the feed as requested
     * @param capLink the absolute URL of an alert's CAP message
     * @param now     the feed's {@code updated} when it has no entry
     */
    public static byte[] write(List<Alert> alerts, RegionTree tree, String feedId, String title, String self,
                               Function<Alert, String> capLink, Instant now) {
        XmlOut x = new XmlOut("feed", ATOM);
        Instant updated = alerts.stream().map(Alert::updatedAt).max(Comparator.naturalOrder()).orElse(now);
        x.leaf("id", feedId)
                .leaf("title", title)
                .leaf("updated", atomTime(updated))
                .open("author").leaf("name", "Tocsin").close()
                .empty("link", "rel", "self", "type", "application/atom+xml", "href", self)
                .leaf("generator", "Tocsin");
        for (Alert a : alerts) {
            x.open("entry")
                    .leaf("id", "urn:tocsin:alert:" + a.id())
                    .leaf("title", entryTitle(a))
                    .leaf("updated", atomTime(a.updatedAt()))
                    .leaf("published", atomTime(a.issuedAt()))
                    .empty("link", "rel", "alternate", "type", CAP_TYPE, "href", capLink.apply(a))
                    .empty("category", "scheme", "urn:tocsin:threat",
                            "term", CapTerms.eventCode(a.threat(), a.subtype()))
                    .leaf("summary", summary(a, tree))
                    .close();
        }
        return x.finish();
    }

    /** "Загроза ударних БпЛА / Attack drone threat", with the headlines when given and a drill's prefix. */
    static String entryTitle(Alert a) {
        StringBuilder sb = new StringBuilder();
        for (Lang lang : Lang.values()) {
            String event = CapTerms.event(a.threat(), a.subtype(), lang);
            if (!sb.isEmpty()) {
                sb.append(" / ");
            }
            String own = lang.pick(a.texts().headlineUk(), a.texts().headlineEn());
            sb.append(CapTerms.drillPrefix(a.status(), lang)).append(own.isEmpty() ? event : own);
        }
        return sb.toString();
    }

    private static String summary(Alert a, RegionTree tree) {
        List<String> names = a.regions().stream().map(c -> tree.find(c).map(r -> r.nameUk() + " / " + r.nameEn())
                .orElse(c)).toList();
        String drill = CapTerms.drillNotice(a.status(), Lang.UK);
        return (drill.isEmpty() ? "" : drill + " / " + CapTerms.drillNotice(a.status(), Lang.EN) + ". ")
                + String.join("; ", names);
    }

    private static String atomTime(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
