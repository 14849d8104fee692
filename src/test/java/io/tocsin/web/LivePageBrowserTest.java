package io.tocsin.web;

import static io.tocsin.support.Responses.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page ({@code /}) in a real headless chromium against a real server: it loads without console errors
 * (a CSP violation would be one), shows alerts issued through the API within seconds without a reload, drops
 * them when they end, and keeps exercises out of the default view.
 */
class LivePageBrowserTest {
    private static final Duration LIVE = Duration.ofSeconds(5);

    static RunningServer s;
    static HeadlessChromium chromium;
    /** Alerts a test issued and has not ended yet: ended after it, so the next test starts on an empty board. */
    final List<String> issued = new ArrayList<>();

    @BeforeAll
    static void start() {
        s = RunningServer.start();
    }

    @AfterAll
    static void stop() {
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
    }

    /** One browser for the class, started on first use, so the header test does not need chromium. */
    static HeadlessChromium browser() {
        if (chromium == null) {
            chromium = HeadlessChromium.launch();
        }
        return chromium;
    }

    // ---- tests ----

    @Test
    void thePageLoadsWithoutConsoleErrorsGoesLiveAndSaysThereAreNoActiveAlerts() {
        HeadlessChromium b = openLivePage();

        assertThat(b.driver.getTitle()).contains("Tocsin");
        WebElement empty = b.driver.findElement(By.id("empty"));
        assertThat(empty.isDisplayed()).isTrue();
        assertThat(empty.getText()).isEqualTo("Тривог немає / No active alerts");
        assertThat(b.driver.findElement(By.id("count")).getText()).isEqualTo("0");
        assertThat(b.driver.findElements(By.cssSelector("#alerts li"))).isEmpty();
        // The stylesheet is applied (style-src 'self' allows it): the live marker is green, not the default grey.
        assertThat(b.driver.findElement(By.id("conn")).getCssValue("color")).isEqualTo("rgba(102, 204, 102, 1)");
        assertNoProblems(b, "loading /");
    }

    @Test
    void anAlertIssuedThroughTheApiAppearsWithoutReloadAndItsEndRemovesIt() throws Exception {
        HeadlessChromium b = openLivePage();

        String id = issue("""
                {"regions":["UA-46"],"threat":"air_raid","subtype":"cruise_missile","stage":"alert","status":"actual",
                 "headline":{"uk":"Загроза крилатих ракет","en":"Cruise missile threat"}}""");
        WebElement li = waitForAlert(b, id);

        JsonNode lviv = json(s.get("/api/v1/regions/UA-46"));
        String uk = lviv.get("name").get("uk").asText();
        String en = lviv.get("name").get("en").asText();
        assertThat(uk).contains("Львів");
        assertThat(en).contains("Lviv");
        assertThat(li.findElement(By.className("region")).getText()).isEqualTo(uk + " / " + en);
        assertThat(li.getText()).contains("Загроза крилатих ракет").contains("air_raid · cruise_missile · alert");
        assertThat(li.getAttribute("class")).isEqualTo("actual");
        assertThat(li.findElements(By.className("status"))).as("an actual alert carries no drill marker").isEmpty();
        assertThat(b.driver.findElement(By.id("count")).getText()).isEqualTo("1");
        assertThat(b.driver.findElement(By.id("empty")).isDisplayed()).isFalse();

        end(id);
        new WebDriverWait(b.driver, LIVE).withMessage("the ended alert " + id + " is still listed")
                .until(d -> d.findElements(alertRow(id)).isEmpty());
        assertThat(b.driver.findElement(By.id("count")).getText()).isEqualTo("0");
        assertThat(b.driver.findElement(By.id("empty")).isDisplayed()).isTrue();
        assertNoProblems(b, "showing and removing a live alert");
    }

    @Test
    void anAlertOnAHromadaShowsTheHromadasName() throws Exception {
        HeadlessChromium b = openLivePage();
        String hromada = io.tocsin.support.Regions.catalog().locator().locate(49.84, 24.03).get(0).code();
        String id = issue("{\"regions\":[\"" + hromada + "\"],\"threat\":\"artillery\"}");
        waitForAlert(b, id);
        // The list is re-rendered when the name arrives: find the row afresh on every poll.
        new WebDriverWait(b.driver, LIVE).withMessage("the hromada's name is not shown")
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(alertRow(id)).findElement(By.className("region")).getText()
                        .equals("Львівська територіальна громада / Lvivska terytorialna hromada"));
        end(id);
        assertNoProblems(b, "an alert on a hromada");
    }

    @Test
    void anExerciseDoesNotAppearOnTheDefaultPageLiveOrAfterReload() throws Exception {
        HeadlessChromium b = openLivePage();

        String exercise = issue("""
                {"regions":["UA-32"],"threat":"air_raid","subtype":"drones","stage":"alert","status":"exercise",
                 "headline":{"uk":"Навчальна тривога","en":"Drill"}}""");
        // An actual alert issued after the exercise: once it is shown, the stream has delivered everything up
        // to the exercise's seq, so its absence is not just a slow stream.
        String sentinel = issue("""
                {"regions":["UA-63"],"threat":"air_raid","stage":"alert","status":"actual"}""");
        waitForAlert(b, sentinel);
        assertNoExerciseShownUnmarked(b, exercise);

        b.driver.navigate().refresh();
        waitUntilLive(b);
        waitForAlert(b, sentinel);
        assertNoExerciseShownUnmarked(b, exercise);
        assertThat(b.driver.findElement(By.id("count")).getText()).isEqualTo("1");
        assertNoProblems(b, "an exercise on the default page");
    }

    @Test
    void theSecurityHeadersAreOnThePage() {
        HttpResponse<String> page = s.send(HttpRequest.newBuilder(s.uri("/")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as("Content-Security-Policy").contains("frame-ancestors 'none'").contains("default-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValueSatisfying(v -> assertThat(v).isNotBlank());
        // The page's own assets carry the same policy.
        for (String asset : List.of("/app.js", "/app.css")) {
            HttpResponse<String> r = s.get(asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(asset).contains("nosniff");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(asset).contains(csp);
        }
    }

    // ---- helpers ----

    private static HeadlessChromium openLivePage() {
        HeadlessChromium b = browser();
        b.driver.get(s.server.url() + "/");
        waitUntilLive(b);
        return b;
    }

    /** The page has fetched the regions and the list, rendered, and its event stream is open. */
    private static void waitUntilLive(HeadlessChromium b) {
        try {
            new WebDriverWait(b.driver, LIVE).until(d -> {
                WebElement conn = d.findElement(By.id("conn"));
                return conn.getAttribute("class").contains("live") && conn.getText().equals("наживо / live");
            });
        } catch (RuntimeException e) {
            throw new AssertionError("the page did not go live within " + LIVE.toSeconds() + " s; conn says '"
                    + b.driver.findElement(By.id("conn")).getText() + "'; problems: " + b.problemsSince(), e);
        }
    }

    private static By alertRow(String id) {
        return By.cssSelector("#alerts li[data-id='" + id + "']");
    }

    private static WebElement waitForAlert(HeadlessChromium b, String id) {
        try {
            return new WebDriverWait(b.driver, LIVE).until(d -> d.findElements(alertRow(id)).stream()
                    .findFirst().orElse(null));
        } catch (RuntimeException e) {
            throw new AssertionError("alert " + id + " did not appear on the page within " + LIVE.toSeconds()
                    + " s; problems: " + b.problemsSince(), e);
        }
    }

    /** The default page shows no exercise; and if any exercise row were shown it would have to be marked. */
    private static void assertNoExerciseShownUnmarked(HeadlessChromium b, String exercise) {
        for (WebElement li : b.driver.findElements(By.cssSelector("#alerts li.exercise"))) {
            assertThat(li.getText()).as("an exercise row must be marked").startsWith("НАВЧАННЯ / EXERCISE");
        }
        assertThat(b.driver.findElements(alertRow(exercise)))
                .as("the exercise %s on the default (actual-only) page", exercise).isEmpty();
    }

    private static void assertNoProblems(HeadlessChromium b, String when) {
        List<String> problems = b.problemsSince();
        assertThat(problems).as("console errors / CSP violations while " + when).isEmpty();
    }

    private String issue(String body) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, body);
        assertThat(r.statusCode()).as("issuing %s: %s", body, r.body()).isEqualTo(201);
        String id = json(r).get("alert").get("id").asText();
        issued.add(id);
        return id;
    }

    private void end(String id) {
        HttpResponse<String> r = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}");
        assertThat(r.statusCode()).as("ending %s: %s", id, r.body()).isEqualTo(200);
        issued.remove(id);
    }
}
