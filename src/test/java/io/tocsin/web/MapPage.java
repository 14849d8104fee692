package io.tocsin.web;

import io.tocsin.support.RunningServer;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The public pages' DOM contract as the browser tests read it: data-region/data-state and data-connection. */
final class MapPage {
    /** Generous: a shared two-core machine, a JIT-cold server; the measured delays are far below (see docs/web.md). */
    static final Duration SOON = Duration.ofSeconds(15);

    private MapPage() {
    }

    static Object js(HeadlessChromium b, String script, Object... args) {
        return ((JavascriptExecutor) b.driver).executeScript(script, args);
    }

    /** The data-state of the shape drawn for a region, or null when none is drawn. */
    static String state(HeadlessChromium b, String code) {
        return (String) js(b, "const e = document.querySelector('[data-region=\"' + arguments[0] + '\"]');"
                + " return e ? e.dataset.state : null;", code);
    }

    static String connection(HeadlessChromium b) {
        return (String) js(b, "return document.documentElement.dataset.connection || null;");
    }

    /** Every shape's state, by code. */
    @SuppressWarnings("unchecked")
    static Map<String, String> states(HeadlessChromium b) {
        return (Map<String, String>) js(b, "const o = {}; document.querySelectorAll('[data-region]')"
                + ".forEach(e => o[e.dataset.region] = e.dataset.state); return o;");
    }

    static void waitForState(HeadlessChromium b, String code, String state, Duration within) {
        try {
            new WebDriverWait(b.driver, within).until(d -> state.equals(state(b, code)));
        } catch (RuntimeException e) {
            throw new AssertionError(code + " did not turn " + state + " within " + within.toSeconds() + " s: it is "
                    + state(b, code) + ", connection " + connection(b) + "; problems: " + b.problemsSince(), e);
        }
    }

    static void waitForConnection(HeadlessChromium b, String state, Duration within) {
        try {
            new WebDriverWait(b.driver, within).until(d -> state.equals(connection(b)));
        } catch (RuntimeException e) {
            throw new AssertionError("data-connection did not become " + state + " within " + within.toSeconds()
                    + " s: it is " + connection(b) + "; problems: " + b.problemsSince(), e);
        }
    }

    /** Opens a page with a clean slate (no remembered language or place) and waits until it is live and drawn. */
    static void openLive(HeadlessChromium b, String url) {
        b.driver.get(url);
        js(b, "localStorage.clear();");
        b.driver.get(url);
        waitForConnection(b, "live", SOON);
        new WebDriverWait(b.driver, SOON).withMessage("the map's 27 oblast-level shapes were not drawn")
                .until(d -> ((Number) js(b, "return document.querySelectorAll('.layer-oblasts [data-region]').length"))
                        .intValue() == 27);
    }

    static void assertNoProblems(HeadlessChromium b, String when) {
        List<String> problems = b.problemsSince();
        assertThat(problems).as("console errors / CSP violations while " + when).isEmpty();
    }

    static String issue(RunningServer s, String body) {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, body);
        assertThat(r.statusCode()).as("issuing %s: %s", body, r.body()).isEqualTo(201);
        return json(r).get("alert").get("id").asText();
    }

    static void end(RunningServer s, String id) {
        HttpResponse<String> r = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}");
        assertThat(r.statusCode()).as("ending %s: %s", id, r.body()).isEqualTo(200);
    }
}
