package io.tocsin.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.assertNoProblems;
import static io.tocsin.web.MapPage.js;
import static io.tocsin.web.MapPage.openLive;
import static io.tocsin.web.MapPage.waitForConnection;
import static io.tocsin.web.MapPage.waitForState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language switch (remembered), "my place" found by search or by the browser's location and led with as a
 * banner, its shareable URL, a region page's timeline and month, and an alert page's history.
 */
class PlaceAndPagesBrowserTest extends BrowserAgainstServer {
    private WebElement banner() {
        return chromium.driver.findElement(By.id("place-banner"));
    }

    private void waitForBanner(String state, String text) {
        try {
            new WebDriverWait(chromium.driver, SOON).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> state.equals(banner().getAttribute("data-state")) && banner().getText().contains(text));
        } catch (RuntimeException e) {
            throw new AssertionError("the banner is " + banner().getAttribute("data-state") + " '" + banner().getText()
                    + "', not " + state + " with '" + text + "'; problems: " + chromium.problemsSince(), e);
        }
    }

    @Test
    void theLanguageSwitchChangesEveryWordAndIsRememberedAcrossReloads() {
        openLive(chromium, s.server.url() + "/");
        assertThat(chromium.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("uk");
        assertThat(chromium.driver.findElement(By.id("place-h")).getText()).isEqualTo("Моє місце");
        assertThat(chromium.driver.findElement(By.id("conn")).getText()).isEqualTo("наживо");
        WebElement sw = chromium.driver.findElement(By.id("lang-switch"));
        assertThat(sw.getText()).isEqualTo("English");
        assertThat(sw.getAttribute("lang")).isEqualTo("en");

        sw.click();
        assertThat(chromium.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(chromium.driver.findElement(By.id("place-h")).getText()).isEqualTo("My place");
        assertThat(chromium.driver.findElement(By.id("conn")).getText()).isEqualTo("live");
        assertThat(chromium.driver.findElement(By.cssSelector("#zoom option")).getText()).isEqualTo("All of Ukraine");

        chromium.driver.navigate().refresh();
        waitForConnection(chromium, "live", SOON);
        assertThat(chromium.driver.findElement(By.id("map-h")).getText()).isEqualTo("Alert map");
        assertThat(chromium.driver.findElement(By.id("lang-switch")).getText()).isEqualTo("Українська");
        chromium.driver.findElement(By.id("lang-switch")).click();
        assertThat(chromium.driver.findElement(By.id("map-h")).getText()).isEqualTo("Мапа тривог");
        assertNoProblems(chromium, "switching languages");
    }

    @Test
    void searchingAPlaceLeadsWithItsBannerAllClearOnlyWhenConfirmedAndTheUrlSharesIt() {
        openLive(chromium, s.server.url() + "/");
        assertThat(banner().getText()).contains("Оберіть своє місце");
        chromium.driver.findElement(By.id("place-q")).sendKeys("Бровари");
        WebElement result = new WebDriverWait(chromium.driver, SOON).until(d -> d.findElements(
                By.cssSelector("#place-results button.result")).stream().findFirst().orElse(null));
        assertThat(result.getText()).startsWith("Бровари — ");
        String hromada = result.getAttribute("data-code");
        result.click();
        waitForBanner("calm", "Відбій");
        assertThat(banner().getText()).contains("Броварська");
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/?place=" + hromada);
        String share = chromium.driver.findElement(By.id("share")).getAttribute("href");
        assertThat(share).endsWith("/?place=" + hromada);

        // Its oblast alerted: the place is under alert, with the threat in words and since when.
        String id = issue("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
        waitForBanner("alert", "ТРИВОГА");
        assertThat(banner().getText()).contains("Тривога: Повітряна тривога · балістичне озброєння")
                .containsPattern("з \\d\\d:\\d\\d · триває").contains("Негайно прямуйте до найближчого укриття");

        // The shared link, opened by someone with nothing remembered, leads with the same place.
        js(chromium, "localStorage.clear();");
        chromium.driver.get(share);
        waitForConnection(chromium, "live", SOON);
        waitForBanner("alert", "Броварська");

        // Remembered without the link, too.
        chromium.driver.get(s.server.url() + "/");
        waitForBanner("alert", "Броварська");
        end(id);
        waitForBanner("calm", "Відбій");
        chromium.driver.findElement(By.id("forget")).click();
        assertThat(banner().getText()).contains("Оберіть своє місце");
        assertNoProblems(chromium, "choosing a place");
    }

    @Test
    void optedInTheSirenSoundsAndANotificationShowsWhenMyPlaceTurnsToAlertAndNotBefore() {
        openLive(chromium, s.server.url() + "/?place=UA-05");
        waitForBanner("calm", "Відбій");
        chromium.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", s.server.url(),
                "permissions", List.of("notifications")));
        // Witnesses in place of the browser's audio and notifications: what the page asks of them is counted.
        js(chromium, """
                window.__tones = 0; window.__notes = [];
                const Real = window.AudioContext;
                window.AudioContext = function () { window.__tones++; return new Real(); };
                window.Notification = function (title, options) { window.__notes.push(title + ' | ' + options.body); };
                window.Notification.permission = 'granted';
                window.Notification.requestPermission = () => Promise.resolve('granted');""");
        chromium.driver.findElement(By.id("opt-sound")).click();
        chromium.driver.findElement(By.id("opt-notify")).click();
        assertThat(((Number) js(chromium, "return window.__tones")).intValue()).as("a test tone on opting in").isEqualTo(1);
        assertThat((String) js(chromium, "return localStorage.getItem('tocsin.place.options')"))
                .isEqualTo("{\"sound\":true,\"notify\":true}");

        String id = issue("{\"regions\":[\"UA-05\"],\"threat\":\"air_raid\"}");
        waitForBanner("alert", "ТРИВОГА");
        new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium, "return window.__notes.length")).intValue() == 1);
        assertThat(((Number) js(chromium, "return window.__tones")).intValue()).as("the siren").isEqualTo(2);
        assertThat((String) js(chromium, "return window.__notes[0]")).startsWith("Вінницька область: ТРИВОГА | ");
        end(id);
        waitForBanner("calm", "Відбій");
        new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium, "return window.__notes.length")).intValue() == 2);
        assertThat(((Number) js(chromium, "return window.__tones")).intValue()).as("no siren for the all-clear").isEqualTo(2);
        chromium.driver.findElement(By.id("opt-sound")).click();
        chromium.driver.findElement(By.id("opt-notify")).click();
        chromium.driver.findElement(By.id("forget")).click();
    }

    @Test
    void useMyLocationFindsTheHromadaUnderTheBrowsersPosition() {
        openLive(chromium, s.server.url() + "/");
        chromium.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", s.server.url(),
                "permissions", List.of("geolocation")));
        chromium.driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 49.8397,
                "longitude", 24.0297, "accuracy", 50));
        chromium.driver.findElement(By.id("locate")).click();
        waitForBanner("calm", "Львівська територіальна громада");
        assertThat(chromium.driver.getCurrentUrl()).as("the URL names the region, never the coordinates")
                .contains("?place=UA").doesNotContain("49.8").doesNotContain("24.0");
        assertThat((String) js(chromium, "return JSON.stringify(localStorage)")).doesNotContain("49.8")
                .doesNotContain("24.0");
        chromium.driver.findElement(By.id("forget")).click();
    }

    @Test
    void aRegionPageShowsItsStatusItsChainItsWeekAsATimelineAndItsMonth() {
        String first = issue("{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\"}");
        end(first);
        String second = issue("{\"regions\":[\"UA-46\"],\"threat\":\"artillery\"}");
        String hromada = io.tocsin.support.Regions.catalog().locator().locate(49.84, 24.03).get(0).code();

        chromium.driver.get(s.server.url() + "/regions/" + hromada);
        waitForConnection(chromium, "live", SOON);
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElements(
                By.cssSelector("#timeline .span[data-alert='" + second + "']")).size() == 1);
        assertThat(chromium.driver.findElement(By.id("region-name")).getText()).isEqualTo("Львівська територіальна громада");
        assertThat(chromium.driver.findElements(By.cssSelector("#timeline .span[data-alert='" + first + "']"))).hasSize(1);
        assertThat(chromium.driver.findElements(By.cssSelector("#timeline .day"))).hasSize(7);
        assertThat(chromium.driver.findElement(By.id("region-banner")).getAttribute("data-state")).isEqualTo("alert");
        assertThat(chromium.driver.findElement(By.id("region-chain")).getText()).contains("Львівський район")
                .contains("Львівська область");
        assertThat(chromium.driver.findElement(By.id("region-alerts")).getText()).contains("Загроза артобстрілу")
                .contains("через: Львівська область");
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElement(By.id("month-stats")).getText()
                .startsWith("2 тривоги, "));
        waitForState(chromium, hromada, "alert", SOON);
        assertThat(chromium.driver.findElement(By.cssSelector("[data-region='" + hromada + "']")).getAttribute("class"))
                .contains("selected");
        chromium.screenshot("region-page");
        js(chromium, "document.getElementById('week-h').scrollIntoView()");
        chromium.screenshot("region-page-week");
        assertNoProblems(chromium, "a region page");
    }

    @Test
    void anAlertPageShowsItsRegionsItsTextsAndItsHistoryLive() {
        String id = issue("{\"regions\":[\"UA-12\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        chromium.driver.get(s.server.url() + "/alerts/" + id);
        waitForConnection(chromium, "live", SOON);
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElement(By.id("alert-title")).getText()
                .equals("Тривога: Повітряна тривога · ударні БпЛА"));
        assertThat(chromium.driver.findElement(By.id("alert-instruction")).getText())
                .isEqualTo("Негайно прямуйте до найближчого укриття");
        assertThat(chromium.driver.findElement(By.id("alert-regions")).getText()).isEqualTo("Дніпропетровська область");
        waitForState(chromium, "UA-12", "alert", SOON);
        chromium.screenshot("alert-page");

        s.patch("/api/v1/alerts/" + id, s.admin, "{\"subtype\":\"ballistic_missile\"}");
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElements(By.cssSelector("#alert-history li")).size() == 2);
        assertThat(chromium.driver.findElement(By.id("alert-title")).getText()).contains("балістичне озброєння");
        end(id);
        new WebDriverWait(chromium.driver, SOON).until(d -> d.findElements(By.cssSelector("#alert-history li")).size() == 3);
        assertThat(chromium.driver.findElement(By.id("alert-banner")).getText()).contains("Завершено (відбій)");
        waitForState(chromium, "UA-12", "calm", SOON);
        assertNoProblems(chromium, "an alert page");
    }
}
