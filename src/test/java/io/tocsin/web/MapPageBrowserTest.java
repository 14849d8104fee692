package io.tocsin.web;

import io.tocsin.domain.Region;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.HashMap;
import java.util.Map;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.assertNoProblems;
import static io.tocsin.web.MapPage.js;
import static io.tocsin.web.MapPage.openLive;
import static io.tocsin.web.MapPage.state;
import static io.tocsin.web.MapPage.states;
import static io.tocsin.web.MapPage.waitForState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live map at {@code /} in a real headless chromium against a real server: alerts issued through the API
 * colour their shapes (an oblast's, or a raion's with its oblast partial) and their all-clear turns them calm;
 * exercises never colour it; the list speaks people's words; screenshots at desktop and phone width are written
 * to target/screenshots/.
 */
class MapPageBrowserTest extends BrowserAgainstServer {
    @Test
    void anActualAlertForUa46TurnsItsShapeAlertAndItsAllClearTurnsItCalm() {
        openLive(chromium, s.server.url() + "/");
        waitForState(chromium, "UA-46", "calm", SOON);

        String id = issue("""
                {"regions":["UA-46"],"threat":"air_raid","subtype":"cruise_missile","stage":"alert","status":"actual"}""");
        waitForState(chromium, "UA-46", "alert", SOON);
        assertThat((String) js(chromium, "return document.querySelector('[data-region=\"UA-46\"]').dataset.threat"))
                .isEqualTo("air_raid");
        // The list, in people's words: the standard wording, Kyiv time and a duration, the instruction.
        WebElement item = new WebDriverWait(chromium.driver, SOON).until(d -> d.findElements(
                By.cssSelector(".alert-item[data-id='" + id + "']")).stream().findFirst().orElse(null));
        assertThat(item.getText()).contains("Тривога: Повітряна тривога · крилаті ракети")
                .contains("Львівська область").containsPattern("з \\d\\d:\\d\\d · триває")
                .contains("Загроза застосування крилатих ракет").contains("Негайно прямуйте до найближчого укриття")
                .doesNotContain("air_raid").doesNotContain("cruise_missile");
        assertThat(chromium.driver.findElement(By.cssSelector("[data-oblast='UA-46'] h3")).getText())
                .isEqualTo("Львівська область");
        // A marker (not colour alone) stands on the alerted oblast.
        assertThat(chromium.driver.findElements(By.cssSelector(".layer-markers .marker"))).hasSize(1);

        end(id);
        waitForState(chromium, "UA-46", "calm", SOON);
        assertThat(chromium.driver.findElements(By.cssSelector(".layer-markers .marker"))).isEmpty();
        assertNoProblems(chromium, "an oblast alert and its all-clear");
    }

    @Test
    void aRaionAlertMarksThatRaionAlertAndItsOblastPartialAndNoOtherOblastChanges() {
        Region raion = io.tocsin.support.Regions.catalog().tree().children("UA-46").get(0);
        openLive(chromium, s.server.url() + "/");
        waitForState(chromium, "UA-46", "calm", SOON);
        Map<String, String> before = states(chromium);
        assertThat(before).hasSize(27).containsValue("calm").doesNotContainValue("alert");

        String id = issue("{\"regions\":[\"" + raion.code() + "\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
        waitForState(chromium, raion.code(), "alert", SOON);
        assertThat(state(chromium, "UA-46")).isEqualTo("partial");
        Map<String, String> after = new HashMap<>(states(chromium));
        after.remove(raion.code());
        Map<String, String> expected = new HashMap<>(before);
        expected.put("UA-46", "partial");
        assertThat(after).as("no other oblast changes").isEqualTo(expected);
        // The raion's own shape is drawn over the oblast (not the whole oblast coloured).
        assertThat((String) js(chromium, "return document.querySelector('[data-region=\"" + raion.code()
                + "\"]').closest('g').getAttribute('class')")).isEqualTo("layer-parts");

        end(id);
        waitForState(chromium, raion.code(), "calm", SOON);
        assertThat(state(chromium, "UA-46")).isEqualTo("calm");
        assertNoProblems(chromium, "a raion alert");
    }

    @Test
    void anExerciseNeverColoursTheMap() {
        openLive(chromium, s.server.url() + "/");
        issue("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
        // An actual alert issued after it: once it shows, the stream has delivered the exercise too.
        issue("{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
        waitForState(chromium, "UA-63", "alert", SOON);
        assertThat(state(chromium, "UA-32")).isEqualTo("calm");
    }

    @Test
    void anOblastOpensToShowItsRaionsAndHromadasByMouseAndByKeyboard() {
        openLive(chromium, s.server.url() + "/");
        chromium.driver.findElement(By.cssSelector(".layer-oblasts [data-region='UA-46']")).click();
        new WebDriverWait(chromium.driver, SOON).withMessage("UA-46's raions and hromadas were not drawn")
                .until(d -> ((Number) js(chromium, "return document.querySelectorAll('.layer-detail [data-region]').length"))
                        .intValue() > 50);
        assertThat(chromium.driver.findElement(By.id("zoom")).getAttribute("value")).isEqualTo("UA-46");
        chromium.driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium,
                "return document.querySelectorAll('.layer-detail [data-region]').length")).intValue() == 0);
        // The keyboard way: the oblast picker.
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("zoom"))).selectByValue("UA-12");
        new WebDriverWait(chromium.driver, SOON).until(d -> ((Number) js(chromium,
                "return document.querySelectorAll('.layer-detail [data-kind=raion]').length")).intValue() > 3);
        assertNoProblems(chromium, "opening an oblast");
    }

    @Test
    void screenshotsOfTheMapAtDesktopAndPhoneWidthAreWritten() {
        Region raion = io.tocsin.support.Regions.catalog().tree().children("UA-12").get(1);
        issue("{\"regions\":[\"UA-46\",\"UA-07\"],\"threat\":\"air_raid\",\"subtype\":\"ballistic_missile\"}");
        issue("{\"regions\":[\"" + raion.code() + "\"],\"threat\":\"artillery\"}");
        issue("{\"regions\":[\"UA-65\"],\"threat\":\"air_raid\",\"stage\":\"pre_alert\"}");
        openLive(chromium, s.server.url() + "/");
        waitForState(chromium, raion.code(), "alert", SOON);
        assertThat(chromium.screenshot("map-desktop-1280")).exists();

        chromium.viewport(390, 844);
        chromium.driver.navigate().refresh();
        MapPage.waitForConnection(chromium, "live", SOON);
        waitForState(chromium, raion.code(), "alert", SOON);
        long scrollWidth = ((Number) js(chromium, "return document.documentElement.scrollWidth")).longValue();
        assertThat(scrollWidth).as("no sideways scrolling on a 390 px phone").isLessThanOrEqualTo(390);
        assertThat(chromium.screenshot("map-phone-390")).exists();
        chromium.viewport(360, 780);
        chromium.driver.navigate().refresh();
        MapPage.waitForConnection(chromium, "live", SOON);
        assertThat(((Number) js(chromium, "return document.documentElement.scrollWidth")).longValue())
                .as("no sideways scrolling on a 360 px phone").isLessThanOrEqualTo(360);
        assertNoProblems(chromium, "the screenshots");
    }
}
