package io.tocsin.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import static io.tocsin.web.MapPage.SOON;
import static io.tocsin.web.MapPage.assertNoProblems;
import static io.tocsin.web.MapPage.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pictures of the record: a region page's three charts and the national ranking, drawn as SVG in the page (no
 * external service, no CSP violation), each with the same numbers as a table for screen readers.
 */
class ChartsBrowserTest extends BrowserAgainstServer {

    @Test
    void aRegionPageDrawsItsMonthsHeatMapAndLongestAlertsEachWithATable() throws Exception {
        String id = issue("{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\"}");
        Thread.sleep(2100); // at least two whole seconds under alert, so the record is not empty
        end(id);
        chromium.driver.get(s.server.url() + "/regions/UA-63");
        new WebDriverWait(chromium.driver, SOON).withMessage("the charts were not drawn: " + chromium.problemsSince())
                .until(d -> !d.findElements(By.cssSelector("figure[data-chart=longest]")).isEmpty());
        assertThat(count("figure[data-chart=months] svg rect.bar-fill")).isPositive();
        assertThat(count("figure[data-chart=heat] svg rect.heat-cell")).isEqualTo(7 * 24);
        assertThat(count("figure[data-chart=heat] table tbody tr")).isEqualTo(24);
        assertThat(count("figure[data-chart=longest] table tbody tr")).isEqualTo(1);
        assertThat(count("figure svg[aria-hidden=true]")).isEqualTo(3);
        assertThat(count("figure details table caption")).isEqualTo(3);
        assertNoProblems(chromium, "drawing a region's charts");
    }

    @Test
    void theNationalPageRanksEveryOblastInAChartAndATable() {
        chromium.driver.get(s.server.url() + "/stats");
        new WebDriverWait(chromium.driver, SOON).withMessage("the ranking was not drawn: " + chromium.problemsSince())
                .until(d -> !d.findElements(By.cssSelector("figure[data-chart=ranking]")).isEmpty());
        assertThat(count("figure[data-chart=ranking] svg rect[data-region]")).isEqualTo(27);
        assertThat(count("figure[data-chart=ranking] table tbody tr")).isEqualTo(27);
        assertNoProblems(chromium, "drawing the national ranking");
    }

    private long count(String css) {
        return ((Number) js(chromium, "return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }
}
