package io.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.tocsin.web.MapPage.js;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (a pinned copy from Maven Central's webjar, test scope only, injected by WebDriver, never served): the
 * serious and critical violations on the page as it is now.
 */
final class Axe {
    static final String SCRIPT = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String source;

    private Axe() {
    }

    static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(SCRIPT)) {
                assertThat(in).as(SCRIPT + " (org.webjars.npm:axe-core, test scope)").isNotNull();
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    /** Serious and critical violations, one line each. */
    static List<String> seriousViolations(HeadlessChromium b) {
        b.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
        js(b, source());
        String out = (String) b.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-failed',
                    impact: 'critical', help: String(e), nodes: []}])));""");
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode v : Json.MAPPER.readTree(out)) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    StringBuilder where = new StringBuilder();
                    v.path("nodes").forEach(n -> where.append(" ").append(n.path("target")));
                    found.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at" + where);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("axe answered " + out, e);
        }
        return found;
    }
}
