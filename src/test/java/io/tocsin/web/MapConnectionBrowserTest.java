package io.tocsin.web;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.connection;
import static io.tocsin.web.MapPage.js;
import static io.tocsin.web.MapPage.state;
import static io.tocsin.web.MapPage.states;
import static io.tocsin.web.MapPage.waitForConnection;
import static io.tocsin.web.MapPage.waitForState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never a false all-clear: with the API slowed (2 s a request) or failing (the active list refused), no element
 * says there are no alerts and every region is unknown until the first snapshot is confirmed; when the server
 * stops the page says "lost" with the time and shows nothing as calm; when it is back on the same port the page
 * goes live again and applies the events it missed meanwhile (issued through another server on the same log).
 *
 * <p>An in-page recorder (installed before any page script) notes, at every DOM change, the connection state,
 * whether any text claims there are no alerts, and how many shapes are calm; the test holds every note taken
 * while not live to "nothing claimed, nothing calm".
 */
class MapConnectionBrowserTest {
    /** Words that would tell a resident there is nothing to fear (case-insensitive). */
    static final List<String> ALL_CLEAR_WORDS = List.of("тривог немає", "немає тривог", "тривоги немає",
            "no alert", "no active", "відбій", "all clear");

    private static final String RECORDER = """
            window.__tocsinNotes = [];
            const words = %s;
            const note = () => {
              const html = document.documentElement;
              if (!html || !document.body) return;
              const text = document.body.innerText.toLowerCase();
              window.__tocsinNotes.push({ conn: html.dataset.connection || null,
                claim: words.filter(w => text.includes(w)).join('|'),
                calm: document.querySelectorAll('[data-region][data-state=calm]').length,
                shapes: document.querySelectorAll('[data-region]').length });
            };
            new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true,
              characterData: true });
            """;

    static Path dir;
    static Path db;
    static RunningServer s;
    static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("tocsin-map-conn");
        db = dir.resolve("t.db");
        s = RunningServer.onFile(db);
        chromium = HeadlessChromium.launch();
        chromium.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        StringBuilder list = new StringBuilder("[");
        ALL_CLEAR_WORDS.forEach(w -> list.append(list.length() > 1 ? "," : "").append('"').append(w).append('"'));
        chromium.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", RECORDER.formatted(list.append(']'))));
        chromium.driver.executeCdpCommand("Network.enable", Map.of());
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @AfterEach
    void networkAsUsual() {
        chromium.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        chromium.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Test
    void withTheApiSlowedNothingClaimsAnAllClearBeforeTheSnapshotAndTheAlertThenShows() {
        String id = MapPage.issue(s, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        chromium.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", 2000, "downloadThroughput", -1, "uploadThroughput", -1));
        chromium.driver.get(s.server.url() + "/");
        waitForState(chromium, "UA-46", "alert", Duration.ofSeconds(60));
        List<Map<String, Object>> notes = notes();
        assertThat(notes).as("the page was seen connecting").anyMatch(n -> "connecting".equals(n.get("conn")));
        assertNothingClaimedWhileNotLive(notes);
        MapPage.end(s, id);
    }

    @Test
    void withTheActiveListFailingThePageStaysConnectingSaysSoAndNeverAllClear() throws InterruptedException {
        chromium.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/alerts/active*")));
        chromium.driver.get(s.server.url() + "/");
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, SOON)
                .until(d -> ((Number) js(chromium, "return document.querySelectorAll('[data-region]').length")).intValue() == 27);
        Thread.sleep(3000); // several failed attempts, each retried
        assertThat(connection(chromium)).isEqualTo("connecting");
        assertThat(states(chromium).values()).as("every region unknown").containsOnly("unknown");
        assertThat(chromium.driver.findElement(By.id("conn")).getText()).isEqualTo("не вдається отримати дані — повторна спроба…");
        assertNothingClaimedWhileNotLive(notes());

        chromium.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        waitForConnection(chromium, "live", Duration.ofSeconds(40));
        assertThat(states(chromium).values()).containsOnly("calm");
    }

    @Test
    void whenTheServerStopsThePageIsLostAndAfterItRestartsOnTheSamePortItIsLiveWithTheMissedEvents() {
        String lviv = MapPage.issue(s, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        MapPage.openLive(chromium, s.server.url() + "/");
        waitForState(chromium, "UA-46", "alert", SOON);
        int port = s.server.port();
        notes();

        s.close();
        waitForConnection(chromium, "lost", SOON);
        assertThat(chromium.driver.findElement(By.id("conn")).getText())
                .matches("немає зв\u2019язку з \\d\\d:\\d\\d — показано останній відомий стан, перепідключення…");
        assertThat(state(chromium, "UA-46")).as("the last known alert stays shown").isEqualTo("alert");
        assertThat(states(chromium).values()).as("nothing is shown as calm while lost").doesNotContain("calm");
        assertThat((Boolean) js(chromium, "return document.getElementById('map').classList.contains('stale')")).isTrue();

        // Meanwhile, on the same log through another server: Kharkiv alerted, Lviv's alert ended.
        String kharkiv;
        try (RunningServer other = RunningServer.onFile(db)) {
            kharkiv = MapPage.issue(other, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
            MapPage.end(other, lviv);
        }
        assertThat(connection(chromium)).isEqualTo("lost");

        s = RunningServer.onFile(db, port);
        waitForConnection(chromium, "live", Duration.ofSeconds(40));
        waitForState(chromium, "UA-63", "alert", SOON);
        waitForState(chromium, "UA-46", "calm", SOON);
        assertNothingClaimedWhileNotLive(notes());
        MapPage.end(s, kharkiv);
    }

    @Test
    void whenTheNetworkGoesAwayThePageIsLostAndWhenItIsBackLiveWithWhatHappenedMeanwhile() {
        MapPage.openLive(chromium, s.server.url() + "/");
        waitForState(chromium, "UA-05", "calm", SOON);
        notes();
        chromium.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        // The stream's error, or at the latest the /health watchdog (20 s, 8 s timeout).
        waitForConnection(chromium, "lost", Duration.ofSeconds(45));
        assertThat(state(chromium, "UA-05")).isEqualTo("unknown");
        String id = MapPage.issue(s, "{\"regions\":[\"UA-05\"],\"threat\":\"air_raid\"}");
        chromium.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        waitForConnection(chromium, "live", Duration.ofSeconds(40));
        waitForState(chromium, "UA-05", "alert", SOON);
        assertNothingClaimedWhileNotLive(notes());
        MapPage.end(s, id);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> notes() {
        return (List<Map<String, Object>>) js(chromium,
                "const n = window.__tocsinNotes || []; window.__tocsinNotes = []; return n;");
    }

    private static void assertNothingClaimedWhileNotLive(List<Map<String, Object>> notes) {
        assertThat(notes).as("the recorder saw the page").isNotEmpty();
        for (Map<String, Object> n : notes) {
            if ("live".equals(n.get("conn"))) {
                continue;
            }
            assertThat((String) n.get("claim")).as("words of an all-clear while %s", n.get("conn")).isEmpty();
            assertThat(((Number) n.get("calm")).intValue()).as("calm shapes while %s", n.get("conn")).isZero();
        }
    }
}
