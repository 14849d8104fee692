package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.RegionKind;
import io.tocsin.json.Json;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages and the map's shapes over HTTP: gzip when accepted, a strong ETag answered with 304, caching
 * headers, the page's language from Accept-Language, problems for what does not exist, the shapes themselves,
 * and the whole first load within 300 KB compressed.
 */
@ExtendWith(ServerPerClass.class)
class PublicPagesApiTest {
    static RunningServer s;

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return s.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pagesAndAssetsAreServedGzipWithAStrongEtagAndA304WhenUnchanged() throws IOException {
        for (String path : List.of("/", "/regions/UA-46", "/app.css", "/js/home.js", "/api/v1/map", "/api/v1/map/UA-46")) {
            HttpResponse<byte[]> plain = get(path);
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            HttpResponse<byte[]> gz = get(path, "Accept-Encoding", "gzip, deflate, br");
            assertThat(gz.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
            assertThat(gunzip(gz.body())).as(path).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
            assertThat(gz.body().length).as(path + " compressed").isLessThan(plain.body().length);
            String etag = gz.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");
            assertThat(gz.headers().firstValue("Vary").orElse("")).as(path).contains("Accept-Encoding");
            HttpResponse<byte[]> again = get(path, "Accept-Encoding", "gzip", "If-None-Match", etag);
            assertThat(again.statusCode()).as(path + " revalidated").isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get(path, "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();
        }
        assertThat(get("/").headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(get("/api/v1/map").headers().firstValue("Cache-Control")).contains("public, max-age=86400");
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").doesNotContain("unsafe-inline");
    }

    @Test
    void thePageComesInTheLanguageTheBrowserRanksHigher() {
        assertThat(lang("uk-UA,uk;q=0.9,en;q=0.5")).isEqualTo("uk");
        assertThat(lang("en-GB,en;q=0.9,uk;q=0.4")).isEqualTo("en");
        assertThat(lang("de-DE,de;q=0.9")).isEqualTo("en");
        assertThat(lang(null)).isEqualTo("uk");
        assertThat(get("/").headers().firstValue("Vary").orElse("")).contains("Accept-Language");
        assertThat(PagesResource.language("en;q=0.3, uk;q=0.8")).isEqualTo("uk");
        assertThat(PagesResource.language("uk;q=0, en")).isEqualTo("en");
    }

    private String lang(String acceptLanguage) {
        HttpResponse<byte[]> r = acceptLanguage == null ? get("/") : get("/", "Accept-Language", acceptLanguage);
        String html = new String(r.body(), StandardCharsets.UTF_8);
        return html.replaceFirst("(?s).*<html lang=\"([a-z]+)\".*", "$1");
    }

    @Test
    void unknownPagesAndFilesAreProblems() {
        for (String[] c : new String[][] {{"/regions/UA-99", "not-found"}, {"/alerts/no-such-alert", "alert-not-found"},
                {"/js/nothing.js", "not-found"}, {"/app.js", "not-found"}, {"/api/v1/map/UA-99", "not-found"}}) {
            HttpResponse<String> r = s.get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(c[0]).contains("application/problem+json");
            assertThat(json(r).get("code").asText()).as(c[0]).isEqualTo(c[1]);
        }
        String raion = Regions.catalog().tree().children("UA-46").get(0).code();
        assertThat(json(s.get("/api/v1/map/" + raion)).get("detail").asText()).endsWith("/api/v1/map/UA-46");
    }

    @Test
    void theCountryMapHasEveryOblastLevelUnitAndAnOblastsDetailItsRaionsAndHromadas() throws IOException {
        JsonNode country = Json.MAPPER.readTree(get("/api/v1/map").body());
        assertThat(country.get("width").asInt()).isEqualTo(1000);
        Set<String> codes = new HashSet<>();
        for (JsonNode r : country.get("regions")) {
            codes.add(r.get("code").asText());
            assertThat(r.get("path").asText()).as(r.get("code").asText()).startsWith("M").endsWith("z");
            assertThat(r.get("box")).hasSize(4);
            double x = r.get("centre").get(0).asDouble();
            double y = r.get("centre").get(1).asDouble();
            assertThat(x).isBetween(r.get("box").get(0).asDouble(), r.get("box").get(2).asDouble());
            assertThat(y).isBetween(r.get("box").get(1).asDouble(), r.get("box").get(3).asDouble());
        }
        assertThat(codes).hasSize(27).contains("UA-46", "UA-30", "UA-40", "UA-43");

        JsonNode lviv = Json.MAPPER.readTree(get("/api/v1/map/UA-46").body());
        long raions = Regions.catalog().tree().children("UA-46").size();
        long drawnRaions = 0;
        int hromadas = 0;
        for (JsonNode r : lviv.get("regions")) {
            if (r.get("kind").asText().equals("raion")) {
                drawnRaions++;
            } else {
                assertThat(r.get("kind").asText()).isEqualTo(RegionKind.HROMADA.wire());
                assertThat(Regions.catalog().tree().find(r.get("parent").asText()).orElseThrow().parentCode()).isEqualTo("UA-46");
                hromadas++;
            }
            assertThat(r.get("code").asText()).startsWith("UA46");
        }
        assertThat(drawnRaions).isEqualTo(raions);
        assertThat(hromadas).isGreaterThan(50);
        // Crimea's hromadas have no shipped boundary: listed (names, parents) without a path.
        JsonNode crimea = Json.MAPPER.readTree(get("/api/v1/map/UA-43").body());
        assertThat(crimea.get("regions")).anyMatch(r -> r.get("kind").asText().equals("hromada") && !r.has("path"));
    }

    @Test
    void thePageWithItsAssetsAndTheCountryMapIsAtMost300KbCompressed() {
        long total = 0;
        List<String> first = List.of("/", "/app.css", "/js/home.js", "/js/i18n.js", "/js/live.js", "/js/regions.js",
                "/js/map.js", "/js/list.js", "/js/place.js", "/js/page.js", "/js/legend.js", "/api/v1/map",
                "/api/v1/alerts/active", "/api/v1/map/UA-46");
        for (String path : first) {
            total += get(path, "Accept-Encoding", "gzip").body().length;
        }
        assertThat(total).as("compressed bytes of " + first).isLessThan(300_000);
    }
}
