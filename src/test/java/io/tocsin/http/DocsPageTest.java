package io.tocsin.http;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /docs} is a page of this server alone: HTML whose every script and stylesheet is a same-origin path that
 * this server answers with the bytes of the swagger-ui webjar in its class path (or our own start-up script).
 */
@ExtendWith(ServerPerClass.class)
class DocsPageTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    static RunningServer s;

    @Test
    void theDocsPageIsHtmlUnderTheSecurityHeaders() {
        HttpResponse<String> r = s.get("/docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
        assertThat(r.body()).contains("<div id=\"swagger-ui\"></div>").doesNotContain("<script>");
    }

    @Test
    void thePageNamesNoOtherOriginAndItsScriptPointsAtTheDocument() {
        String page = s.get("/docs").body();
        List<String> assets = assets(page);
        assertThat(assets).contains("docs/ui/swagger-ui.css", "docs/ui/swagger-ui-bundle.js", "docs/init.js");
        assertThat(page).doesNotContain("://");
        for (String a : assets) {
            assertThat(a).as("a same-origin relative path").doesNotStartWith("/").doesNotStartWith("//");
        }
        HttpResponse<String> init = s.get("/docs/init.js");
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(init.body()).contains("url: 'openapi.json'").contains("validatorUrl: null").doesNotContain("://");
    }

    @Test
    void everyAssetOfThePageIsServedFromTheWebjarInTheClassPath() {
        String webjar = "META-INF/resources/webjars/swagger-ui/" + OpenApiResource.swaggerUiVersion() + "/";
        for (String a : assets(s.get("/docs").body())) {
            if (a.startsWith("data:")) {
                continue;
            }
            HttpResponse<byte[]> r = bytes(URI.create(s.server.url() + "/docs").resolve(a));
            assertThat(r.statusCode()).as(a).isEqualTo(200);
            String file = a.startsWith("docs/ui/") ? webjar + a.substring("docs/ui/".length()) : a;
            assertThat(r.body()).as(a + " is the class path's " + file).isEqualTo(classpath(file));
        }
    }

    @Test
    void anAssetTheWebjarDoesNotHaveIsAProblem() {
        HttpResponse<String> r = s.get("/docs/ui/no-such-file.js");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static List<String> assets(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            if (!m.group(1).equals("openapi.json")) { // the <noscript> link to the document itself
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static HttpResponse<byte[]> bytes(URI uri) {
        try {
            return s.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] classpath(String name) {
        try (InputStream in = DocsPageTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
