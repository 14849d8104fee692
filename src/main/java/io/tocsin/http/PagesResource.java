package io.tocsin.http;

import io.tocsin.domain.Board;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages: {@code /} (the live map), {@code /regions/{code}} and {@code /alerts/{id}} (a region's and an
 * alert's page; an unknown one is a 404 problem), {@code /console} (the operator console), and their stylesheets and
 * scripts. Each file is read from the jar
 * once, its shared parts included ({@code <!--#header-->}, {@code <!--#patterns-->}, {@code <!--#footer-->}), gzip-compressed once and
 * served with an ETag. A page comes in Ukrainian or English ({@code <html lang>}, which its script starts from),
 * chosen by Accept-Language; the visitor's own choice, once made, is remembered by the page itself.
 */
final class PagesResource {
    static final String ROOT = "web/";
    /** The stylesheet and scripts; a request for anything else under /js is a 404. */
    static final List<String> ASSETS = List.of("app.css", "js/i18n.js", "js/live.js", "js/regions.js", "js/map.js",
            "js/list.js", "js/place.js", "js/page.js", "js/legend.js", "js/home.js", "js/region-page.js",
            "js/alert-page.js", "js/timeline.js", "js/charts.js", "js/stats-page.js", "console.css", "js/console.js",
            "js/console-api.js", "js/console-words.js", "js/console-picker.js", "js/console-map.js",
            "js/console-preview.js", "js/console-declare.js", "js/console-active.js", "js/console-approvals.js",
            "js/console-admin.js");

    private final RegionTree tree;
    private final Board board;
    private final Map<String, CachedBody> assets = new HashMap<>();
    /** Per page and language ("index.html:en"). */
    private final Map<String, CachedBody> pages = new HashMap<>();

    PagesResource(RegionTree tree, Board board) {
        this.tree = tree;
        this.board = board;
        String patterns = read("_patterns.html");
        String footer = read("_footer.html");
        String header = read("_header.html");
        for (String page : List.of("index.html", "region.html", "alert.html", "stats.html", "console.html")) {
            String html = read(page).replace("<!--#patterns-->", patterns.strip()).replace("<!--#footer-->", footer.strip())
                    .replace("<!--#header-->", header.strip());
            for (String lang : List.of("uk", "en")) {
                pages.put(page + ":" + lang, CachedBody.of(html.replaceFirst("<html lang=\"uk\"", "<html lang=\"" + lang + "\"")
                        .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", CachedBody.REVALIDATE,
                        "Accept-Encoding, Accept-Language"));
            }
        }
        for (String asset : ASSETS) {
            String type = asset.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            assets.put(asset, CachedBody.of(read(asset).getBytes(StandardCharsets.UTF_8), type, CachedBody.REVALIDATE));
        }
    }

    void mount(Router r) {
        r.get("/").handler(ctx -> page(ctx, "index.html"));
        r.get("/stats").handler(ctx -> page(ctx, "stats.html"));
        r.get("/regions/:code").handler(ctx -> {
            String code = ctx.pathParam("code");
            tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
            page(ctx, "region.html");
        });
        r.get("/alerts/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            board.find(id).orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + id));
            page(ctx, "alert.html");
        });
        // The operator console: a page like the others; everything it does goes through the API with its session.
        r.get("/console").handler(ctx -> page(ctx, "console.html"));
        r.get("/app.css").handler(ctx -> assets.get("app.css").send(ctx));
        r.get("/console.css").handler(ctx -> assets.get("console.css").send(ctx));
        r.get("/js/:file").handler(ctx -> {
            CachedBody body = assets.get("js/" + ctx.pathParam("file"));
            if (body == null) {
                throw new DomainException(Problem.NOT_FOUND, "no resource at " + ctx.request().path());
            }
            body.send(ctx);
        });
    }

    private void page(RoutingContext ctx, String page) {
        pages.get(page + ":" + language(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE))).send(ctx);
    }

    /**
     * Ukrainian or English, whichever the browser ranks higher; Ukrainian without a header (the page is for
     * Ukraine), English for a browser that names neither (a visitor from abroad reads English more likely).
     */
    static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "uk";
        }
        double uk = -1;
        double en = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] p = part.trim().split(";");
            String tag = p[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (tag.equals("uk") || tag.startsWith("uk-")) {
                uk = Math.max(uk, q);
            } else if (tag.equals("en") || tag.startsWith("en-")) {
                en = Math.max(en, q);
            }
        }
        if (uk <= 0 && en <= 0) {
            return "en";
        }
        return uk >= en ? "uk" : "en";
    }

    private static String read(String name) {
        try (InputStream in = PagesResource.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException(ROOT + name + " is missing from the class path (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
