package io.tocsin.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.js;
import static io.tocsin.web.MapPage.waitForConnection;
import static io.tocsin.web.MapPage.waitForState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures docs/web.md reports, measured in chromium on loopback and written to target/map-measurements.txt:
 * the compressed bytes of a first visit to {@code /} (page, assets, map shapes, active list; empty cache), the
 * time from navigation to the confirmed status on screen, and for live changes the delay from the event's commit
 * (its {@code at}) and from the issuing request to the frame that shows it. Run alone with
 * {@code ./mvnw -B -o test -Dtest=MapMeasurementsBrowserTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MapMeasurementsBrowserTest extends BrowserAgainstServer {
    @Test
    void aFirstVisitIsSmallTheStatusIsPaintedWithinASecondAndLiveChangesWithin200Ms() throws IOException {
        List<String> open = new ArrayList<>();
        open.add(MapPage.issue(s, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}"));
        open.add(MapPage.issue(s, "{\"regions\":[\"" + io.tocsin.support.Regions.catalog().tree().children("UA-12")
                .get(0).code() + "\"],\"threat\":\"artillery\"}"));
        // A server that has served before (its JIT warm, its shapes made), a browser that has never been here.
        chromium.driver.get(s.server.url() + "/");
        waitForConnection(chromium, "live", SOON);

        List<Long> bytes = new ArrayList<>();
        List<Double> firstStatus = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chromium.driver.executeCdpCommand("Network.enable", Map.of());
            chromium.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            chromium.driver.get("about:blank");
            chromium.driver.get(s.server.url() + "/");
            new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium,
                    "return window.__tocsinFirstStatus || 0")).doubleValue() > 0);
            firstStatus.add(((Number) js(chromium, "return window.__tocsinFirstStatus")).doubleValue());
            // Every response's bytes on the wire (headers included); the open event stream has no entry yet.
            bytes.add(((Number) js(chromium, """
                    return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                      .reduce((sum, e) => sum + e.transferSize, 0);""")).longValue());
        }

        List<Long> sinceCommit = new ArrayList<>();
        List<Long> sinceRequest = new ArrayList<>();
        List<Double> sinceArrival = new ArrayList<>();
        js(chromium, "window.__tocsinPaints = [];");
        for (int i = 0; i < 10; i++) {
            long before = System.currentTimeMillis();
            String id = MapPage.issue(s, "{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
            waitForState(chromium, "UA-63", "alert", SOON);
            record(before, sinceCommit, sinceRequest, sinceArrival);
            before = System.currentTimeMillis();
            MapPage.end(s, id);
            waitForState(chromium, "UA-63", "calm", SOON);
            record(before, sinceCommit, sinceRequest, sinceArrival);
        }
        open.forEach(id -> MapPage.end(s, id));

        String report = "first visit, compressed bytes on the wire (5 loads, empty cache): " + bytes + "\n"
                + "navigation to confirmed status on screen, ms: " + round(firstStatus) + " (median " + median(firstStatus) + ")\n"
                + "event committed (its at) to the frame showing it, ms: " + sinceCommit + " (median " + medianL(sinceCommit) + ")\n"
                + "issuing request sent to that frame, ms: " + sinceRequest + " (median " + medianL(sinceRequest) + ")\n"
                + "event arrived in the page to that frame, ms: " + round(sinceArrival) + " (median " + median(sinceArrival) + ")\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "map-measurements.txt"), report);
        System.out.println(report);

        assertThat(Collections.max(bytes)).as("a first visit's bytes").isLessThan(300_000);
        assertThat(median(firstStatus)).as("navigation to the status on screen, median ms").isLessThan(1000);
        assertThat(medianL(sinceCommit)).as("commit to screen, median ms").isLessThan(200);
    }

    @SuppressWarnings("unchecked")
    private static void record(long before, List<Long> sinceCommit, List<Long> sinceRequest, List<Double> sinceArrival) {
        // The frame is noted just after the change it shows: wait for the note.
        new WebDriverWait(chromium.driver, SOON).withMessage("the paint of the change was not noted").until(d ->
                ((Number) js(chromium, "return (window.__tocsinPaints || []).length")).intValue() > 0);
        List<Map<String, Object>> paints = (List<Map<String, Object>>) js(chromium,
                "const p = window.__tocsinPaints || []; window.__tocsinPaints = []; return p;");
        Map<String, Object> p = paints.get(paints.size() - 1);
        sinceCommit.add(((Number) p.get("sinceEvent")).longValue());
        sinceRequest.add(((Number) p.get("at")).longValue() - before);
        sinceArrival.add(Math.round(((Number) p.get("sinceArrival")).doubleValue() * 10) / 10.0);
    }

    private static List<Double> round(List<Double> xs) {
        return xs.stream().map(x -> Math.round(x * 10) / 10.0).toList();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        return Math.round(sorted.get(sorted.size() / 2) * 10) / 10.0;
    }

    private static long medianL(List<Long> xs) {
        return xs.stream().sorted().toList().get(xs.size() / 2);
    }
}
