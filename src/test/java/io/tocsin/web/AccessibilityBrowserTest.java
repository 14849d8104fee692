package io.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.js;
import static io.tocsin.web.MapPage.openLive;
import static io.tocsin.web.MapPage.waitForConnection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (a pinned copy from Maven Central's webjar, test scope only, injected by WebDriver, never served) finds
 * no serious or critical violation on the map, a region page and an alert page, in both languages, light and
 * dark; and the page can be used with the keyboard alone.
 */
class AccessibilityBrowserTest extends BrowserAgainstServer {
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    static String axe;
    static String alert;
    static String raionAlert;

    @BeforeAll
    static void readAxeAndIssueAlerts() throws IOException {
        try (InputStream in = AccessibilityBrowserTest.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE + " (org.webjars.npm:axe-core, test scope)").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        chromium.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
        alert = MapPage.issue(s, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        String raion = io.tocsin.support.Regions.catalog().tree().children("UA-12").get(0).code();
        raionAlert = MapPage.issue(s, "{\"regions\":[\"" + raion + "\"],\"threat\":\"artillery\"}");
    }

    /** Serious and critical violations axe finds on the page as it is now, one line each. */
    private static List<String> seriousViolations() {
        return Axe.seriousViolations(chromium);
    }

    private static void check(String what) {
        assertThat(seriousViolations()).as("axe-core on " + what).isEmpty();
        js(chromium, "document.documentElement.style.colorScheme = ''");
    }

    private static void bothSchemes(String what) {
        check(what + " (light)");
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        check(what + " (dark)");
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    @Test
    void theCheckItselfFindsAButtonWithoutANameWhenOneIsPut() {
        openLive(chromium, s.server.url() + "/");
        js(chromium, "const b = document.createElement('button'); b.id = 'nameless'; document.body.append(b);");
        assertThat(seriousViolations()).anyMatch(v -> v.contains("button-name"));
        js(chromium, "document.getElementById('nameless').remove();");
    }

    @Test
    void theMapPageHasNoSeriousOrCriticalViolationInEitherLanguage() {
        openLive(chromium, s.server.url() + "/");
        MapPage.waitForState(chromium, "UA-46", "alert", SOON);
        bothSchemes("/ in Ukrainian");
        chromium.driver.findElement(By.id("lang-switch")).click();
        bothSchemes("/ in English");
        chromium.driver.findElement(By.id("lang-switch")).click();
    }

    @Test
    void aRegionPageHasNoSeriousOrCriticalViolation() {
        chromium.driver.get(s.server.url() + "/regions/UA-46");
        waitForConnection(chromium, "live", SOON);
        new WebDriverWait(chromium.driver, SOON).until(d -> !d.findElements(By.cssSelector("#timeline .day")).isEmpty());
        bothSchemes("/regions/UA-46");
    }

    @Test
    void anAlertPageHasNoSeriousOrCriticalViolation() {
        chromium.driver.get(s.server.url() + "/alerts/" + alert);
        waitForConnection(chromium, "live", SOON);
        new WebDriverWait(chromium.driver, SOON).until(d -> !d.findElements(By.cssSelector("#alert-history li")).isEmpty());
        bothSchemes("/alerts/" + alert);
    }

    @Test
    void thePlaceCanBeChosenAndAnOblastOpenedWithTheKeyboardAlone() {
        openLive(chromium, s.server.url() + "/");
        WebElement body = chromium.driver.findElement(By.tagName("body"));
        // Tab from the top of the page to the search field, type, Enter, Tab to the first result, Enter.
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 10 && !"place-q".equals(activeId()); i++) {
            chromium.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(activeId()).as("the search field is reachable by Tab").isEqualTo("place-q");
        chromium.driver.switchTo().activeElement().sendKeys("Львів", Keys.ENTER);
        new WebDriverWait(chromium.driver, SOON).until(d -> !d.findElements(By.cssSelector("#place-results button")).isEmpty());
        for (int i = 0; i < 6 && !"result".equals(activeClass()); i++) {
            chromium.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(activeClass()).as("a result is reachable by Tab").isEqualTo("result");
        chromium.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElement(By.id("place-banner")).getText().contains("Львів"));

        WebElement zoom = chromium.driver.findElement(By.id("zoom"));
        zoom.sendKeys("Дніпро");
        new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium,
                "return document.querySelectorAll('.layer-detail [data-kind=raion]').length")).intValue() > 3);
        chromium.driver.findElement(By.id("forget")).click();
    }

    private static String activeId() {
        return chromium.driver.switchTo().activeElement().getAttribute("id");
    }

    private static String activeClass() {
        return chromium.driver.switchTo().activeElement().getAttribute("class");
    }
}
