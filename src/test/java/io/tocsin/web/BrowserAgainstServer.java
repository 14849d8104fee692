package io.tocsin.web;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;

/**
 * One real server and one headless chromium for a browser test class; alerts a test issued through
 * {@link #issue} and did not end are ended after it, so the next test starts on a calm map.
 */
abstract class BrowserAgainstServer {
    static RunningServer s;
    static HeadlessChromium chromium;
    final List<String> issued = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() {
        s = RunningServer.start();
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            s.close();
        }
    }

    @AfterEach
    void endLeftovers() {
        issued.forEach(id -> s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}"));
        issued.clear();
        chromium.resetViewport();
    }

    String issue(String body) {
        String id = MapPage.issue(s, body);
        issued.add(id);
        return id;
    }

    void end(String id) {
        MapPage.end(s, id);
        issued.remove(id);
    }
}
