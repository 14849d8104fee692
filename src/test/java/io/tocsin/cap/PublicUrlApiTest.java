package io.tocsin.cap;

import static io.tocsin.cap.CapHttp.issue;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.server.ServerConfig;
import io.tocsin.support.RawHttp;
import io.tocsin.support.RunningServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every URL Tocsin writes into a payload starts with the configured public URL, or the listener's own address, and
 * never with what a client wrote into its Host header.
 */
class PublicUrlApiTest {
    private static final String HOSTILE = "evil.example";

    /** GET path with a hostile Host header, over a raw socket (HTTP clients will not send a forged Host). */
    private static String getWithHost(RunningServer s, String path) throws IOException {
        RawHttp.Reply r = RawHttp.exchange(s.server.port(), "GET " + path + " HTTP/1.1\r\nHost: " + HOSTILE
                + "\r\nConnection: close\r\n\r\n", Duration.ofSeconds(20));
        assertThat(r.text()).startsWith("HTTP/1.1 200");
        return r.text();
    }

    @Test
    void theFeedsIdsAndLinksUseTheConfiguredPublicUrlNotTheHostHeader() throws IOException {
        try (RunningServer s = RunningServer.startWith(c -> c.withIdentity(
                new ServerConfig.Identity("https://alerts.example.org/tocsin/", null)))) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");

            String feed = getWithHost(s, "/api/v1/cap/feed.atom");

            assertThat(feed).doesNotContain(HOSTILE)
                    .contains("<id>https://alerts.example.org/tocsin/api/v1/cap/feed.atom</id>")
                    .contains("href=\"https://alerts.example.org/tocsin/api/v1/cap/feed.atom\"")
                    .contains("href=\"https://alerts.example.org/tocsin/api/v1/alerts/" + id + ".cap?seq=1\"")
                    .contains("href=\"https://alerts.example.org/tocsin/alerts/" + id + "\"");
            assertThat(getWithHost(s, "/api/v1/alerts/" + id + ".cap")).doesNotContain(HOSTILE).contains("<sender>");
            assertThat(getWithHost(s, "/openapi.json")).doesNotContain(HOSTILE)
                    .contains("\"servers\":[{\"url\":\"https://alerts.example.org/tocsin\"}]");
        }
    }

    @Test
    void withoutAPublicUrlTheLinksUseTheListenersAddressNotTheHostHeader() throws IOException {
        try (RunningServer s = RunningServer.start()) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
            String listener = "http://127.0.0.1:" + s.server.port();

            String feed = getWithHost(s, "/api/v1/cap/feed.atom?status=actual");

            assertThat(feed).doesNotContain(HOSTILE)
                    .contains("<id>" + listener + "/api/v1/cap/feed.atom?status=actual</id>")
                    .contains("href=\"" + listener + "/api/v1/alerts/" + id + ".cap?seq=1\"");
            assertThat(getWithHost(s, "/api/v1/alerts/" + id + ".cap")).doesNotContain(HOSTILE);
        }
    }

    @Test
    void theCapSenderIsItsOwnOptionAndDoesNotFollowThePublicUrl() throws IOException {
        try (RunningServer s = RunningServer.startWith(c -> c.withIdentity(
                new ServerConfig.Identity("https://alerts.example.org", "tocsin@civil-defence.example")))) {
            String id = issue(s, s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}");

            assertThat(getWithHost(s, "/api/v1/alerts/" + id + ".cap"))
                    .contains("<sender>tocsin@civil-defence.example</sender>").doesNotContain(HOSTILE);
        }
    }
}
