package io.tocsin.web;

import io.tocsin.domain.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static io.tocsin.support.Responses.json;
import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-person rule in two real browsers: a nationwide alert declared in one console waits for approval; the
 * second operator's console shows the request live (through the operator stream, no reload), shows the same
 * preview, and approves it after typing the confirmation; the first operator's own approval is refused, both by
 * its console (no approve button) and by the server when tried anyway with its session.
 */
class ConsoleApprovalBrowserTest extends BrowserAgainstServer {

    @AfterEach
    void endWhatTheConsoleDeclared() {
        ConsoleAlerts.endAll(s);
    }

    @Test
    void aNationwideAlertWaitsForASecondOperatorWhoseConsoleShowsItLiveAndApprovesItAfterThePreview() {
        String first = s.token(Role.OPERATOR, List.of("UA"), "National duty officer");
        String second = s.token(Role.OPERATOR, List.of("UA"), "National deputy");
        try (HeadlessChromium other = HeadlessChromium.launch()) {
            ConsolePage deputy = new ConsolePage(other, s);
            deputy.open();
            deputy.signIn(second);
            deputy.tab("approvals");
            assertThat(deputy.text("#approvals-none")).isEqualTo("Немає запитів.");

            ConsolePage c = new ConsolePage(chromium, s);
            c.open();
            c.signIn(first);
            c.click("#declare-picker .link"); // All of Ukraine
            c.click("#to-preview");
            WebElement preview = c.find("#declare-preview");
            assertThat(preview.findElement(By.cssSelector(".reach")).getText())
                    .isEqualTo("Потрібне схвалення другого оператора: до того тривога не оголошується.");
            assertThat(preview.findElements(By.cssSelector(".preview-regions li"))).hasSize(27);
            c.type("#declare-preview .confirm-name", "Україна");
            c.click("#declare-preview button.confirm");
            long sent = System.nanoTime();
            assertThat(c.text("#declare-result")).isEqualTo("Надіслано на схвалення; чекає другого оператора");
            assertThat(json(s.get("/api/v1/alerts/active")).get("count").asInt()).as("nothing issued yet").isZero();

            // Live on the deputy's console: the approvals screen was open before the request existed.
            WebElement card = deputy.find("#approval-list .card.pending");
            double seconds = (System.nanoTime() - sent) / 1e9;
            assertThat(card.getAttribute("data-mine")).isEqualTo("false");
            assertThat(deputy.text("#approval-count")).isEqualTo("(1)");

            // The requester's own console shows it as theirs, with nothing to approve it with.
            c.tab("approvals");
            WebElement mine = c.find("#approval-list .card.pending");
            assertThat(mine.getAttribute("data-mine")).isEqualTo("true");
            assertThat(mine.getText()).contains("Це ваш запит: схвалити його має інший оператор.");
            c.click("#approval-list .card.pending [data-action=review]");
            c.find("#approval-list .card.pending .preview-view");
            assertThat(mine.findElements(By.cssSelector("button.confirm"))).isEmpty();
            // And the server refuses it when tried anyway, with the session's own proof.
            String id = card.getAttribute("data-id");
            @SuppressWarnings("unchecked")
            Map<String, Object> refusal = (Map<String, Object>) chromium.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/session').then(r => r.json()).then(s => fetch('/api/v1/approvals/'
                        + arguments[0] + '/approve', { method: 'POST', headers: { 'X-CSRF-Token': s.csrf,
                        'Content-Type': 'application/json' }, body: '{}' }))
                      .then(async r => done({ status: r.status, body: await r.json() }));""", id);
            assertThat(((Number) refusal.get("status")).intValue()).isEqualTo(403);
            assertThat(((Map<?, ?>) refusal.get("body")).get("code")).isEqualTo("self-approval");

            // The deputy reviews the same preview, then approves it with the typed confirmation.
            deputy.click("#approval-list .card.pending [data-action=review]");
            WebElement review = deputy.find("#approval-list .card.pending .preview-view");
            assertThat(review.findElement(By.cssSelector(".reach")).getText())
                    .isEqualTo("⚠ Це одразу отримають люди в цих регіонах.");
            assertThat(review.findElements(By.cssSelector(".preview-regions li"))).hasSize(27);
            assertThat(review.findElement(By.cssSelector(".message[data-lang=en]")).getText()).contains("Attack drone threat");
            deputy.type("#approval-list .confirm-name", "Україна");
            deputy.click("#approval-list button.confirm");
            new org.openqa.selenium.support.ui.WebDriverWait(other.driver, SOON).withMessage("the approved request leaves")
                    .until(d -> d.findElements(By.cssSelector("#approval-list .card")).isEmpty());
            assertThat(json(s.get("/api/v1/alerts/active")).get("count").asInt()).as("issued on approval").isEqualTo(1);
            // And the requester's console sees it go too, live.
            new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, SOON)
                    .until(d -> d.findElements(By.cssSelector("#approval-list .card")).isEmpty());
            MapPage.assertNoProblems(other, "approving");
            assertThat(seconds).as("the request reached the second console (s)").isLessThan(SOON.toSeconds());
            ConsoleMeasurements.record("approval request: requester's confirmation -> visible on the second console",
                    String.format("%.2f s", seconds));
            js(chromium, "return 1");
        }
    }
}
