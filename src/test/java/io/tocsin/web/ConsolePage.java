package io.tocsin.web;

import io.tocsin.support.RunningServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static io.tocsin.web.MapPage.js;

/**
 * The console as the browser tests drive it: every step a person's action (a click, or keystrokes into a field),
 * counted, so a scripted run can say how many actions it took. {@link #actions} counts clicks and key presses
 * (typing a word of n characters is n actions).
 */
final class ConsolePage {
    static final Duration SOON = MapPage.SOON;

    final HeadlessChromium b;
    final RunningServer s;
    int actions;

    ConsolePage(HeadlessChromium b, RunningServer s) {
        this.b = b;
        this.s = s;
    }

    WebElement find(String css) {
        return new WebDriverWait(b.driver, SOON).withMessage(() -> "no visible " + css + "; problems: " + b.problemsSince())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the console re-renders lists
                .until(d -> {
                    List<WebElement> all = d.findElements(By.cssSelector(css));
                    return all.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
                });
    }

    void click(String css) {
        WebElement e = find(css);
        new WebDriverWait(b.driver, SOON).withMessage(css + " stayed disabled").until(d -> e.isEnabled());
        e.click();
        actions++;
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.sendKeys(text);
        actions += text.codePointCount(0, text.length());
    }

    void press(String css, Keys key) {
        find(css).sendKeys(key);
        actions++;
    }

    /** Opens the console fresh (no session, no remembered mode). */
    void open() {
        // Cookies are deleted for the page's own origin: be on it first, on a page that starts no console (one
        // started on the last test's cookie would open a stream the deletion then breaks).
        b.driver.get(s.server.url() + "/health");
        b.driver.manage().deleteAllCookies();
        js(b, "localStorage.clear(); sessionStorage.clear();");
        b.problemsSince(); // what earlier tests' pages left in the log is theirs
        b.driver.get(s.server.url() + "/console");
        find("#token");
    }

    /** Pastes the token (one action: a paste) and signs in (one click). */
    void signIn(String token) {
        WebElement field = find("#token");
        js(b, "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", field, token);
        actions++;
        click("#signin-button");
        find("#work");
        waitLive();
    }

    void waitLive() {
        new WebDriverWait(b.driver, SOON).withMessage(() -> "the operator stream did not open; problems: " + b.problemsSince())
                .until(d -> "live".equals(js(b, "return document.documentElement.dataset.connection")));
    }

    void tab(String screen) {
        click(".tabs [data-screen=" + screen + "]");
    }

    /** Searches for a region and chooses the first result (in the declaration's picker). */
    void chooseBySearch(String query, String code) {
        type("#declare-picker input[type=search]", query);
        press("#declare-picker input[type=search]", Keys.ENTER);
        click("#declare-picker .results button[data-code='" + code + "']");
    }

    void switchMode() {
        click("#mode-switch");
        click("#mode-confirm");
    }

    String text(String css) {
        return find(css).getText();
    }

    boolean bannerShown() {
        return (Boolean) js(b, "const e = document.getElementById('exercise-banner');"
                + " return !e.hidden && e.getBoundingClientRect().height > 0;");
    }

    String mode() {
        return (String) js(b, "return document.documentElement.dataset.mode");
    }
}
