package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API description: {@code GET /openapi.json} (OpenAPI 3.1, the resource {@code openapi.json}, held to the router
 * and to the OpenAPI schema by OpenApiDocumentTest) and {@code GET /docs}, the same document as a page. The page is
 * Swagger UI served from its webjar inside this jar, so it needs no CDN, and it starts from a script file of ours
 * because the Content-Security-Policy ({@code default-src 'self'}) refuses inline scripts.
 */
final class OpenApiResource {
    static final String DOCUMENT = "openapi.json";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** Parsed and given its server only once the server listens (200 KB of JSON, cold): see {@link #prepare()}. */
    private final io.tocsin.startup.Deferred<Buffer> document;
    private final Buffer page = Buffer.buffer(resource("docs/index.html"));
    private final Buffer script = Buffer.buffer(resource("docs/init.js"));

    /**
     * @param publicUrl the server's public base URL, named as the document's only server; null for the relative
     *                  server "/" (the document then works wherever it is fetched from)
     */
    OpenApiResource(String publicUrl) {
        this.document = io.tocsin.startup.Deferred.of("the API description", () -> document(publicUrl));
    }

    private static Buffer document(String publicUrl) {
        ObjectNode doc;
        try {
            doc = (ObjectNode) Json.MAPPER.readTree(resource(DOCUMENT));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled " + DOCUMENT + " is not JSON", e);
        }
        doc.putArray("servers").addObject().put("url", publicUrl == null ? "/" : publicUrl);
        return Buffer.buffer(doc.toString());
    }

    /** Starts making the document in the background (a server does once it listens). */
    void prepare() {
        document.start();
    }

    void mount(Router r) {
        r.get("/openapi.json").handler(ctx -> send(ctx, "application/json; charset=utf-8", document.get()));
        r.get("/docs").handler(ctx -> send(ctx, "text/html; charset=utf-8", page));
        r.get("/docs/init.js").handler(ctx -> send(ctx, "text/javascript; charset=utf-8", script));
        // The webjar's files sit under its version: read it from the jar, so bumping the pin in pom.xml is enough.
        r.get("/docs/ui/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()));
    }

    private static void send(RoutingContext ctx, String type, Buffer body) {
        ctx.response().putHeader("Content-Type", type).end(body);
    }

    static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = stream(WEBJAR_POM)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path (a broken build)");
        }
        return in;
    }
}
