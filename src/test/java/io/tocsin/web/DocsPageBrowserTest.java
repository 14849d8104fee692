package io.tocsin.web;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /docs} in a real headless chromium under the server's own Content-Security-Policy: Swagger UI renders
 * the document's operations, with no console error or CSP violation, and the browser fetches nothing from any
 * other origin.
 */
class DocsPageBrowserTest {
    /** Generous: the bundle is 1.7 MB of JavaScript on a shared two-core machine. */
    private static final Duration RENDERED = Duration.ofSeconds(30);

    static RunningServer s;
    static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        s = RunningServer.start();
        chromium = HeadlessChromium.launch();
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

    @Test
    void theDocsPageRendersEveryOperationUnderTheSecurityPolicyFromThisServerAlone() {
        chromium.driver.manage().timeouts().pageLoadTimeout(RENDERED);
        chromium.driver.get(s.server.url() + "/docs");
        try {
            new WebDriverWait(chromium.driver, RENDERED).until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError("Swagger UI rendered no operation; the browser saw: " + chromium.problemsSince(), e);
        }

        List<WebElement> operations = chromium.driver.findElements(By.cssSelector(".opblock"));
        assertThat(operations).hasSizeGreaterThan(25);
        String page = chromium.driver.findElement(By.id("swagger-ui")).getText();
        assertThat(page).contains("Tocsin", "/api/v1/alerts", "/api/v1/stream", "Issue an alert");
        // The stylesheet applied (style-src 'self' allowed it): Swagger UI's own layout, not the browser's default.
        assertThat(chromium.driver.findElement(By.cssSelector(".swagger-ui .info .title")).getCssValue("font-size"))
                .isEqualTo("36px");

        Object origins = chromium.driver.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name).origin).concat([location.origin])"
                + ".filter((o, i, all) => all.indexOf(o) === i);");
        assertThat(((List<?>) origins).stream().map(String::valueOf).toList()).as("origins the page loaded from").containsExactly(s.server.url());
        assertThat(chromium.problemsSince()).as("console errors / CSP violations on /docs").isEmpty();
    }
}
