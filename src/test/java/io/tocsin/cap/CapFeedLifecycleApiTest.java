package io.tocsin.cap;

import static io.tocsin.cap.CapFeedApiTest.direct;
import static io.tocsin.cap.CapHttp.dom;
import static io.tocsin.cap.CapHttp.issue;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cap.mapping.CapPublishing;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.MovableClock;
import io.tocsin.support.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A consumer polling the feed across an alert's lifetime sees its Alert, every Update and its all-clear, each as its
 * own entry that never changes; after the retention they go. Conditional GET answers 304 while nothing changed, and
 * a long feed is paged.
 */
class CapFeedLifecycleApiTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pollingSeesEachMessageOfAnAlertAsItsOwnEntryUntilTheRetentionEnds() throws Exception {
        MovableClock clock = new MovableClock();
        try (RunningServer s = RunningServer.startWith(c -> c.withCap(CapPublishing.DEFAULT
                .withTimes(Duration.ofHours(2), Duration.ofHours(1))), clock)) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
            List<Element> first = entries(s);
            assertThat(first).hasSize(1);
            assertThat(msgType(first.get(0))).isEqualTo("Alert");

            assertThat(s.patch("/api/v1/alerts/" + id, s.admin, "{\"subtype\":\"ballistic_missile\"}").statusCode())
                    .isEqualTo(200);
            assertThat(s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}").statusCode())
                    .isEqualTo(200);
            List<Element> all = entries(s);
            assertThat(all).extracting(CapFeedLifecycleApiTest::msgType).containsExactly("Update", "Update", "Alert");
            assertThat(all).extracting(e -> text(e, "id")).doesNotHaveDuplicates()
                    .allMatch(i -> i.startsWith("urn:tocsin:" + id + ":"));
            assertThat(text(all.get(0), "title")).contains("All clear");
            // Each entry links its own message, which says what it is: the all-clear is there to fetch.
            String allClear = new String(CapHttp.getBytes(s, path(link(all.get(0)))).body(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(allClear).contains("<responseType>AllClear</responseType>").contains("<expires>");
            assertThat(text(all.get(2), "updated")).isEqualTo(text(first.get(0), "updated"));

            HttpResponse<String> full = get(s, null, null);
            String etag = full.headers().firstValue("ETag").orElseThrow();
            String modified = full.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(s, etag, null).statusCode()).isEqualTo(304);
            assertThat(get(s, null, modified).statusCode()).isEqualTo(304);

            clock.advance(Duration.ofHours(2).plusMinutes(1));
            HttpResponse<String> later = get(s, etag, null);
            assertThat(later.statusCode()).as("the retention has dropped entries: the ETag changed").isEqualTo(200);
            assertThat(direct(dom(later.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .getDocumentElement(), "entry")).isEmpty();
        }
    }

    @Test
    void anActiveAlertsLatestMessageStaysWhileOlderOnesGo() {
        MovableClock clock = new MovableClock();
        try (RunningServer s = RunningServer.startWith(c -> c.withCap(CapPublishing.DEFAULT
                .withTimes(Duration.ofHours(24), Duration.ofHours(24))), clock)) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            s.patch("/api/v1/alerts/" + id, s.admin, "{\"stage\":\"pre_alert\"}");
            clock.advance(Duration.ofHours(24).plusMinutes(1));
            // The renewal (due at half the horizon) may come meanwhile; the latest version is always listed.
            List<Element> left = entries(s);
            assertThat(left).isNotEmpty().allMatch(e -> text(e, "id").startsWith("urn:tocsin:" + id + ":"));
            assertThat(left).extracting(CapFeedLifecycleApiTest::msgType).doesNotContain("Alert");
        }
    }

    @Test
    void aLongFeedIsPagedAndEveryPageLinksTheNext() {
        try (RunningServer s = RunningServer.start(new ServerConfig.Limits(10, 100_000))) {
            for (int i = 0; i < 105; i++) {
                issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            }
            Element feed = dom(CapHttp.getBytes(s, "/api/v1/cap/feed.atom").body()).getDocumentElement();
            assertThat(direct(feed, "entry")).hasSize(100);
            Element next = direct(feed, "link").stream().filter(l -> "next".equals(l.getAttribute("rel")))
                    .findFirst().orElseThrow();
            Element second = dom(CapHttp.getBytes(s, path(next.getAttribute("href"))).body()).getDocumentElement();
            assertThat(direct(second, "entry")).hasSize(5);
            assertThat(direct(second, "link")).noneMatch(l -> "next".equals(l.getAttribute("rel")));
        }
    }

    static List<Element> entries(RunningServer s) {
        return direct(dom(CapHttp.getBytes(s, "/api/v1/cap/feed.atom").body()).getDocumentElement(), "entry");
    }

    static HttpResponse<String> get(RunningServer s, String etag, String modified) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/v1/cap/feed.atom")).GET();
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (modified != null) {
            b.header("If-Modified-Since", modified);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String msgType(Element entry) {
        return direct(entry, "category").stream().filter(c -> c.getAttribute("scheme").endsWith(":msgType"))
                .findFirst().orElseThrow().getAttribute("term");
    }

    static String text(Element entry, String name) {
        return direct(entry, name).get(0).getTextContent();
    }

    static String link(Element entry) {
        return direct(entry, "link").stream().filter(l -> "alternate".equals(l.getAttribute("rel"))).findFirst()
                .orElseThrow().getAttribute("href");
    }

    static String path(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
