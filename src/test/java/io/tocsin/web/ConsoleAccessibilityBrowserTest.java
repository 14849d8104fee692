package io.tocsin.web;

import io.tocsin.domain.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static io.tocsin.support.Responses.json;
import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is axe-clean on every screen (sign-in, declare, preview, active with an action open, approvals with
 * a request under review, administration with a new secret shown), in both modes, both languages and both colour
 * schemes; a declaration can be made with the keyboard alone, and Enter in a field never declares anything; it fits
 * a 1280 × 800 laptop and a tablet without sideways scrolling.
 */
class ConsoleAccessibilityBrowserTest extends BrowserAgainstServer {

    @AfterEach
    void endWhatTheConsoleDeclared() {
        ConsoleAlerts.endAll(s);
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    private static void clean(String what) {
        assertThat(Axe.seriousViolations(chromium)).as("axe-core on the console: " + what + " (light)").isEmpty();
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(Axe.seriousViolations(chromium)).as("axe-core on the console: " + what + " (dark)").isEmpty();
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    @Test
    void everyScreenOfTheConsoleHasNoSeriousOrCriticalViolationInEitherModeAndLanguage() {
        String admin = s.token(Role.ADMIN, List.of(), "Duty administrator");
        String other = s.token(Role.OPERATOR, List.of("UA"), "National deputy");
        String fresh = json(s.post("/api/v1/alerts", other, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\","
                + "\"subtype\":\"drones\"}")).get("alert").get("id").asText();
        s.post("/api/v1/alerts", other, "{\"regions\":[\"UA\"],\"threat\":\"air_raid\",\"subtype\":\"cruise_missile\"}");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        clean("sign-in");
        c.signIn(admin);
        for (String lang : List.of("uk", "en")) {
            for (String mode : List.of("actual", "exercise")) {
                String where = lang + ", " + mode;
                if (!mode.equals(c.mode())) {
                    c.switchMode();
                }
                c.tab("declare");
                clean("declare, " + where);
                c.chooseBySearch(lang.equals("uk") ? "Львівська" : "Lvivska", "UA-46");
                c.click("#to-preview");
                c.find("#declare-preview .preview-view");
                clean("preview, " + where);
                c.click("#back-to-edit");
                c.tab("active");
                if (mode.equals("actual")) {
                    c.click("#active-list .card[data-id='" + fresh + "'] .actions button.retract");
                    c.find("#active-list .card[data-id='" + fresh + "'] .panel .consequence");
                }
                clean("active, " + where);
                c.tab("approvals");
                if (mode.equals("actual")) {
                    c.click("#approval-list .card.pending [data-action=review]");
                    c.find("#approval-list .card.pending .preview-view");
                }
                clean("approvals, " + where);
            }
            c.tab("admin");
            c.find("#tokens tbody tr");
            c.type("#new-name", "Odesa duty officer");
            c.type("#new-scope input[type=search]", lang.equals("uk") ? "Одеська" : "Odeska");
            c.press("#new-scope input[type=search]", Keys.ENTER);
            c.click("#new-scope .results button[data-code='UA-51']");
            c.click("#create-token");
            assertThat(c.find("#new-secret .secret-value").getText()).startsWith("tcs_");
            c.find("#audit tbody tr");
            new WebDriverWait(chromium.driver, SOON).until(d -> "true".equals(d.findElement(By.id("audit-state")).getAttribute("data-intact")));
            clean("administration, " + lang);
            c.click("#new-secret button");
            assertThat(chromium.driver.findElements(By.cssSelector("#new-secret .secret-value"))).as("shown once").isEmpty();
            if (lang.equals("uk")) {
                c.click("#lang-switch");
                c.find("#work");
                c.waitLive();
                assertThat(c.text("#mode-switch")).isIn("Switch to exercise", "End the exercise");
            }
        }
        c.click("#lang-switch");
        MapPage.assertNoProblems(chromium, "the console's screens");
    }

    @Test
    void aDeclarationCanBeMadeWithTheKeyboardAloneAndEnterInAFieldNeverDeclares() {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        // Sign in: the token field has the focus; paste, Enter.
        js(chromium, "document.getElementById('token').value = arguments[0]", lviv);
        active().sendKeys(Keys.ENTER);
        c.waitLive();
        tabTo(e -> "search".equals(e.getAttribute("type")) && e.findElements(By.xpath("ancestor::*[@id='declare-picker']")).size() == 1);
        active().sendKeys("Львівська", Keys.ENTER);
        new WebDriverWait(chromium.driver, SOON).until(d -> !d.findElements(By.cssSelector("#declare-picker .results button")).isEmpty());
        tabTo(e -> "UA-46".equals(e.getAttribute("data-code")));
        active().sendKeys(Keys.ENTER);
        c.find("#declare-picker .chosen li[data-code='UA-46']");
        // Enter in the texts never previews nor declares.
        tabTo(e -> "headline-uk".equals(e.getAttribute("id")));
        active().sendKeys(Keys.END, " (тест клавіатури)", Keys.ENTER);
        tabTo(e -> "instruction-en".equals(e.getAttribute("id")));
        active().sendKeys(Keys.ENTER);
        assertThat(chromium.driver.findElement(By.id("declare-preview")).isDisplayed()).isFalse();
        assertThat(json(s.get("/api/v1/alerts/active?status=all")).get("count").asInt()).isZero();
        tabTo(e -> "to-preview".equals(e.getAttribute("id")));
        active().sendKeys(Keys.ENTER);
        c.find("#declare-preview .preview-view");
        tabTo(e -> e.getAttribute("class") != null && e.getAttribute("class").contains("confirm-name"));
        active().sendKeys("Львівська область", Keys.ENTER);
        assertThat(json(s.get("/api/v1/alerts/active?status=all")).get("count").asInt())
                .as("Enter in the confirmation does not declare").isZero();
        active().sendKeys(Keys.TAB);
        assertThat(active().getAttribute("class")).contains("confirm");
        active().sendKeys(Keys.ENTER);
        assertThat(c.text("#declare-result")).startsWith("Оголошено");
        assertThat(json(s.get("/api/v1/alerts/active")).get("alerts").get(0).get("headline").get("uk").asText())
                .endsWith("(тест клавіатури)");
    }

    @Test
    void theConsoleFitsALaptopAndATabletWithoutSidewaysScrolling() {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        c.signIn(lviv);
        c.chooseBySearch("Львівська", "UA-46");
        for (int[] size : new int[][] {{1280, 800}, {768, 1024}}) {
            chromium.viewport(size[0], size[1]);
            c.tab("declare");
            c.click("#to-preview");
            c.find("#declare-preview .preview-view");
            assertThat(((Number) js(chromium, "return document.documentElement.scrollWidth")).intValue())
                    .as("page width at " + size[0] + " px").isLessThanOrEqualTo(size[0]);
            chromium.screenshot("console-preview-" + size[0] + "x" + size[1]);
            c.click("#back-to-edit");
            chromium.screenshot("console-declare-" + size[0] + "x" + size[1]);
        }
        chromium.viewport(1280, 800);
        c.switchMode();
        assertThat(chromium.driver.findElements(By.cssSelector("#declare-picker .chosen li")))
                .as("switching the mode clears the declaration being prepared").isEmpty();
        c.chooseBySearch("Львівська", "UA-46");
        c.click("#to-preview");
        c.find("#declare-preview .preview-view");
        js(chromium, "window.scrollTo(0, 0)");
        chromium.screenshot("console-exercise-1280x800");
    }

    private static WebElement active() {
        return chromium.driver.switchTo().activeElement();
    }

    private static void tabTo(java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 80; i++) {
            if (wanted.test(active())) {
                return;
            }
            active().sendKeys(Keys.TAB);
        }
        throw new AssertionError("not reachable by Tab; focus is on " + active().getTagName() + "#" + active().getAttribute("id"));
    }
}
