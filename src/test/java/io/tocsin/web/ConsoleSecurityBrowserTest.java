package io.tocsin.web;

import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tocsin.support.Responses.json;
import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's safeguards in real Chromium: after sign-in the token is in no web storage, URL or readable cookie
 * (the session cookie is HttpOnly and SameSite=Strict); a write from another origin with the session cookie is
 * refused, both as a browser makes it and as a forged request carrying the cookie makes it; an expired session is
 * asked to sign in again; a region outside the operator's scope cannot be chosen, by search or on the map.
 */
class ConsoleSecurityBrowserTest extends BrowserAgainstServer {

    @AfterEach
    void endWhatTheConsoleDeclared() {
        ConsoleAlerts.endAll(s);
    }

    @Test
    void theTokenIsInNoWebStorageUrlOrReadableCookieAfterSignIn() {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        c.signIn(lviv);
        c.tab("active");
        c.tab("declare");
        String secret = lviv.substring(lviv.indexOf('_', 4) + 1); // tcs_<id>_<secret>
        @SuppressWarnings("unchecked")
        Map<String, String> where = (Map<String, String>) js(chromium, """
                const dump = s => JSON.stringify(Object.fromEntries(Object.keys(s).map(k => [k, s.getItem(k)])));
                return { local: dump(localStorage), session: dump(sessionStorage), url: location.href,
                  history: String(history.state), cookie: document.cookie,
                  field: document.getElementById('token').value };""");
        where.forEach((k, v) -> assertThat(v).as(k).doesNotContain(secret).doesNotContain(lviv));
        assertThat(where.get("cookie")).as("the session cookie is HttpOnly").doesNotContain("tocsin_session");
        Cookie session = chromium.driver.manage().getCookieNamed("tocsin_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(secret);
        assertThat(c.text("#who")).contains("Lviv duty officer");
    }

    @Test
    void aWriteFromAnotherOriginWithTheSessionCookieIsRefused() throws Exception {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        c.signIn(lviv);
        String cookie = chromium.driver.manage().getCookieNamed("tocsin_session").getValue();
        String body = "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";
        // A forged request that has the cookie (as a page elsewhere would make the browser send it, were SameSite
        // ever not honoured) but the other page's Origin, with and without a guessed anti-CSRF token.
        for (String csrf : new String[] {null, "guess"}) {
            HttpRequest.Builder req = HttpRequest.newBuilder(s.uri("/api/v1/alerts"))
                    .header("Cookie", "tocsin_session=" + cookie).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (csrf != null) {
                req.header("X-CSRF-Token", csrf);
            }
            HttpResponse<String> r = s.send(req.build());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(json(r).get("code").asText()).isEqualTo("cross-origin");
        }
        // The right Origin without the session's token is refused as well.
        HttpResponse<String> noToken = s.send(HttpRequest.newBuilder(s.uri("/api/v1/alerts"))
                .header("Cookie", "tocsin_session=" + cookie).header("Origin", s.server.url())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(noToken.statusCode()).isEqualTo(403);
        // And a real page on another origin (another port: the same site, so even SameSite=Strict lets the browser
        // send the cookie) that tries to write with it, as a simple request and as one that needs a preflight.
        try (OtherOrigin evil = OtherOrigin.serving(s.server.url(), body)) {
            chromium.driver.get(evil.url());
            new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, SOON).withMessage("the other page's attempts")
                    .until(d -> String.valueOf(js(chromium, "return document.title")).startsWith("done"));
            assertThat(String.valueOf(js(chromium, "return document.title"))).doesNotContain("201");
        }
        assertThat(json(s.get("/api/v1/alerts/active?status=all")).get("count").asInt()).as("nothing was issued").isZero();
    }

    @Test
    void anExpiredSessionIsAskedToSignInAgain() throws Exception {
        try (RunningServer shortLived = RunningServer.startWith(c -> c.withSessions(new ServerConfig.Sessions(2, 3600)))) {
            String lviv = shortLived.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
            ConsolePage c = new ConsolePage(chromium, shortLived);
            c.open();
            c.signIn(lviv);
            Thread.sleep(Duration.ofSeconds(3)); // idle past the 2 s timeout
            c.chooseBySearch("Львівська", "UA-46");
            c.click("#to-preview");
            WebElement note = c.find("#signin-note");
            assertThat(note.getText()).isEqualTo("Сесія завершилася. Увійдіть знову з токеном.");
            assertThat(c.find("#token").isDisplayed()).isTrue();
            assertThat(chromium.driver.findElement(By.id("work")).isDisplayed()).isFalse();
            assertThat(json(shortLived.get("/api/v1/alerts/active?status=all")).get("count").asInt()).isZero();
            // Signing in again works at once.
            c.signIn(lviv);
            assertThat(c.text("#who")).contains("Lviv duty officer");
        }
    }

    @Test
    void aRegionOutsideTheOperatorsScopeCannotBeChosenBySearchOrOnTheMap() {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        c.signIn(lviv);
        c.type("#declare-picker input[type=search]", "Київська");
        c.press("#declare-picker input[type=search]", org.openqa.selenium.Keys.ENTER);
        WebElement kyiv = c.find("#declare-picker .results button[data-code='UA-32']");
        assertThat(kyiv.isEnabled()).isFalse();
        assertThat(kyiv.getText()).endsWith("поза вашою зоною");
        assertThat(chromium.driver.findElement(By.id("pick-map")).findElements(By.cssSelector("[data-region]")))
                .hasSize(27);
        WebElement shape = chromium.driver.findElement(By.cssSelector("#pick-map [data-region='UA-32']"));
        assertThat(shape.getAttribute("data-scope")).isEqualTo("out");
        js(chromium, "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", shape);
        assertThat(chromium.driver.findElements(By.cssSelector("#declare-picker .chosen li"))).as("nothing chosen").isEmpty();
        // In scope: the same click on Lviv oblast chooses it.
        js(chromium, "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                chromium.driver.findElement(By.cssSelector("#pick-map [data-region='UA-46']")));
        assertThat(chromium.driver.findElement(By.cssSelector("#declare-picker .chosen li")).getAttribute("data-code"))
                .isEqualTo("UA-46");
        assertThat(chromium.driver.findElement(By.cssSelector("#pick-map [data-region='UA-46']")).getAttribute("class"))
                .contains("chosen");
    }
}
