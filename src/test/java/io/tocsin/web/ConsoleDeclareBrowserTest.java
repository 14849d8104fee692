package io.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.state;
import static io.tocsin.web.MapPage.waitForState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declaring from the console in real Chromium: an actual drone alert for Lviv oblast through the preview (the
 * area, "Львівська область — 73 громади", both messages, the red "reaches the public immediately") and the typed
 * confirmation reaches the public map and the public stream; the same flow in exercise mode leaves the public map
 * as it was, and every screen of the console shows the exercise banner meanwhile.
 */
class ConsoleDeclareBrowserTest extends BrowserAgainstServer {

    @AfterEach
    void endWhatTheConsoleDeclared() {
        ConsoleAlerts.endAll(s);
    }

    @Test
    void anActualDroneAlertForLvivThroughPreviewAndTypedConfirmationReachesThePublicMapAndStream() throws Exception {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv duty officer");
        try (SseClient sse = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            ConsolePage c = new ConsolePage(chromium, s);
            c.open();
            c.signIn(lviv);
            assertThat(c.text("#who")).contains("Lviv duty officer").contains("operator").contains("Львівська область");
            assertThat(c.mode()).isEqualTo("actual");
            assertThat(c.bannerShown()).isFalse();
            c.chooseBySearch("Львівська", "UA-46");
            c.click("#to-preview");
            WebElement preview = c.find("#declare-preview");
            assertThat(preview.findElement(By.cssSelector(".reach")).getText())
                    .isEqualTo("⚠ Це одразу отримають люди в цих регіонах.");
            assertThat(preview.findElement(By.cssSelector(".reach")).getCssValue("color")).isEqualTo("rgba(183, 28, 28, 1)");
            assertThat(preview.findElement(By.cssSelector(".preview-regions")).getText())
                    .isEqualTo("Львівська область — 73 громади");
            assertThat(preview.findElement(By.cssSelector(".message[data-lang=uk]")).getText())
                    .contains("Загроза ударних БпЛА").contains("Негайно прямуйте до найближчого укриття");
            assertThat(preview.findElement(By.cssSelector(".message[data-lang=en]")).getText())
                    .contains("Attack drone threat").contains("Go to the nearest shelter now");
            new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, SOON).withMessage("the area drawn")
                    .until(d -> preview.findElements(By.cssSelector(".preview-map path.covered[data-region='UA-46']")).size() == 1);
            // The actual confirmation is typing the oblast's name: the button stays disabled until then.
            WebElement confirm = preview.findElement(By.cssSelector("button.confirm"));
            assertThat(confirm.isEnabled()).isFalse();
            assertThat(preview.findElement(By.cssSelector(".gesture label")).getText())
                    .isEqualTo("Введіть «Львівська область», щоб підтвердити");
            c.type("#declare-preview .confirm-name", "Львівська обл");
            assertThat(confirm.isEnabled()).as("a partial name does not confirm").isFalse();
            c.type("#declare-preview .confirm-name", "асть");
            c.click("#declare-preview button.confirm");
            assertThat(c.text("#declare-result")).startsWith("Оголошено");

            SseClient.SseEvent e = sse.next(SOON);
            assertThat(e.type()).isEqualTo("alert.issued");
            JsonNode alert = e.data().get("alert");
            assertThat(alert.get("regions").get(0).asText()).isEqualTo("UA-46");
            assertThat(alert.get("subtype").asText()).isEqualTo("drones");
            assertThat(alert.get("status").asText()).isEqualTo("actual");

            MapPage.openLive(chromium, s.server.url() + "/");
            waitForState(chromium, "UA-46", "alert", SOON);
        }
    }

    @Test
    void theSameFlowInExerciseModeLeavesThePublicMapUnchangedAndEveryScreenShowsTheBanner() throws Exception {
        String lviv = s.token(Role.OPERATOR, List.of("UA-46"), "Lviv trainer");
        ConsolePage c = new ConsolePage(chromium, s);
        c.open();
        c.signIn(lviv);
        c.switchMode();
        assertThat(c.mode()).isEqualTo("exercise");
        assertThat(c.text("#exercise-banner")).contains("НАВЧАННЯ").contains("EXERCISE");
        for (String screen : List.of("active", "approvals", "declare")) {
            c.tab(screen);
            assertThat(c.bannerShown()).as("the exercise banner on the " + screen + " screen").isTrue();
        }
        c.chooseBySearch("Львівська", "UA-46");
        c.click("#to-preview");
        WebElement preview = c.find("#declare-preview");
        assertThat(c.bannerShown()).as("the exercise banner on the preview").isTrue();
        assertThat(preview.findElement(By.cssSelector(".reach")).getText()).isEqualTo("Навчання: публіка цього не побачить.");
        assertThat(preview.findElements(By.cssSelector(".confirm-name, .confirm-real"))).as("an exercise is one button").isEmpty();
        assertThat(preview.findElement(By.cssSelector(".message[data-lang=uk]")).getText()).startsWith("НАВЧАННЯ");
        c.click("#declare-preview button.confirm");
        assertThat(c.text("#declare-result")).startsWith("Оголошено");
        c.tab("active");
        WebElement card = c.find("#active-list .card.exercise");
        assertThat(card.getText()).contains("Львівська область");
        assertThat(c.bannerShown()).isTrue();

        JsonNode all = json(s.get("/api/v1/alerts/active?status=all"));
        assertThat(all.get("count").asInt()).isEqualTo(1);
        assertThat(all.get("alerts").get(0).get("status").asText()).isEqualTo("exercise");
        assertThat(json(s.get("/api/v1/alerts/active")).get("count").asInt()).as("public list").isZero();
        MapPage.openLive(chromium, s.server.url() + "/");
        Thread.sleep(Duration.ofSeconds(1));
        assertThat(state(chromium, "UA-46")).as("the public map").isEqualTo("calm");
        MapPage.assertNoProblems(chromium, "declaring an exercise");
    }
}
