package io.tocsin.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.assertNoProblems;
import static org.assertj.core.api.Assertions.assertThat;

/** The public banner says the time to shelter an admin set for the region, while the alert lasts. */
class ShelterBannerBrowserTest extends BrowserAgainstServer {

    @Test
    void aRegionsBannerShowsItsTimeToShelterDuringAnAlert() {
        var put = s.send(HttpRequest.newBuilder(s.uri("/api/v1/regions/UA-63/shelter"))
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"seconds\":45}")).build());
        assertThat(put.statusCode()).isEqualTo(200);
        issue("{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
        chromium.driver.get(s.server.url() + "/regions/UA-63");
        try {
            new WebDriverWait(chromium.driver, SOON).until(d -> d.findElement(By.id("region-banner")).getText()
                    .contains("Час до укриття: 45 с"));
        } catch (RuntimeException e) {
            throw new AssertionError("banner: " + chromium.driver.findElement(By.id("region-banner")).getText()
                    + "; problems: " + chromium.problemsSince(), e);
        }
        assertNoProblems(chromium, "showing the time to shelter");
    }
}
