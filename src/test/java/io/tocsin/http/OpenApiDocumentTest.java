package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /openapi.json as a real server serves it: it names exactly the routes the router mounts (both ways), validates
 * against the official OpenAPI 3.1 schema, and agrees with the problem catalogue and the domain's wire names.
 */
@ExtendWith(ServerPerClass.class)
class OpenApiDocumentTest {
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** Routes with a path but no method are middleware for everything under them (the body limit, CORS). */
    private static final Set<String> MIDDLEWARE = Set.of("/api/*");

    static RunningServer s;
    static String served;
    static JsonNode doc;

    @BeforeAll
    static void fetch() {
        HttpResponse<String> r = s.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        served = r.body();
        doc = json(r);
    }

    @Test
    void theDocumentNamesEveryRouteTheRouterMountsAndNoRouteItDoesNot() {
        Set<String> mounted = mountedRoutes(s.server.router().getRoutes());
        Set<String> documented = documentedRoutes(doc);

        assertThat(mounted).as("sanity: the router's routes were read").contains("GET /api/v1/alerts/{}", "GET /health");
        assertThat(difference(mounted, documented)).as("routes the router mounts that openapi.json does not describe")
                .isEmpty();
        assertThat(difference(documented, mounted)).as("operations openapi.json names that the router does not have")
                .isEmpty();
    }

    @Test
    void routesAreReadTheWayTheRouterMountsThem() {
        // The comparison above is only as good as this reading: a new route of any of these shapes must show up.
        io.vertx.ext.web.Router r = io.vertx.ext.web.Router.router(s.server.vertx());
        r.route().handler(ctx -> ctx.next());
        r.route("/api/*").handler(ctx -> ctx.next());
        r.get("/api/v1/audit/checkpoint").handler(ctx -> ctx.end());
        r.delete("/api/v1/things/:id").handler(ctx -> ctx.end());
        r.getWithRegex("/api/v1/things/([^/]+)\\.xml").handler(ctx -> ctx.end());
        r.get("/files/*").handler(ctx -> ctx.end());
        assertThat(mountedRoutes(r.getRoutes())).containsExactly("DELETE /api/v1/things/{}",
                "GET /api/v1/audit/checkpoint", "GET /api/v1/things/{}.xml", "GET /files/*");
    }

    @Test
    void theDocumentValidatesAgainstTheOfficialOpenApi31Schema() {
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(new OpenApiSchemas().documentErrors(served)).isEmpty();
    }

    @Test
    void theValidationCatchesAnInvalidDocument() {
        // The check above is only worth something if the schema is really applied, dialect included.
        OpenApiSchemas schemas = new OpenApiSchemas();
        assertThat(schemas.documentErrors(served.replace("\"openapi\":\"3.1.1\"", "\"openapi\":\"3.0.3\""))).isNotEmpty();
        assertThat(schemas.documentErrors(served.replace("\"required\":true", "\"required\":\"yes\""))).isNotEmpty();
        assertThat(schemas.documentErrors(served.replace("\"minItems\":1", "\"minItems\":-1"))).isNotEmpty();
    }

    @Test
    void theServerIsRelativeWhileNoPublicUrlIsConfigured() {
        assertThat(doc.path("servers")).hasSize(1);
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/");
    }

    @Test
    void theProblemSchemaListsExactlyTheCodesOfTheCatalogue() {
        List<String> codes = new ArrayList<>();
        doc.at("/components/schemas/Problem/properties/code/enum").forEach(c -> codes.add(c.asText()));
        assertThat(codes).containsExactly(Arrays.stream(Problem.values()).map(Problem::code).toArray(String[]::new));
    }

    @Test
    void everyProblemExampleIsTheCataloguesAndIsListedUnderItsOwnStatus() {
        Map<String, Problem> byCode = Arrays.stream(Problem.values())
                .collect(Collectors.toMap(Problem::code, Function.identity()));
        JsonNode examples = doc.at("/components/examples");
        assertThat(names(examples)).as("one example per problem code").isEqualTo(new TreeSet<>(byCode.keySet()));
        examples.properties().forEach(e -> {
            Problem p = byCode.get(e.getKey());
            JsonNode v = e.getValue().path("value");
            assertThat(v.path("code").asText()).isEqualTo(p.code());
            assertThat(v.path("status").asInt()).as(p.code()).isEqualTo(p.status());
            assertThat(v.path("title").asText()).as(p.code()).isEqualTo(p.title());
            assertThat(v.path("type").asText()).isEqualTo(Problems.TYPE_BASE + p.code());
        });
        int checked = 0;
        for (var path : doc.path("paths").properties()) {
            for (var op : operations(path.getValue())) {
                for (var response : op.getValue().path("responses").properties()) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (problem.isMissingNode()) {
                        assertThat(response.getKey()).as(op.getKey() + " " + path.getKey() + ": error replies are problems")
                                .matches("[123]\\d\\d");
                        continue;
                    }
                    assertThat(problem.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
                    assertThat(problem.path("examples").size()).isPositive();
                    for (var ex : problem.path("examples").properties()) {
                        Problem p = byCode.get(ex.getKey());
                        assertThat(p).as("an example named after a problem code: " + ex.getKey()).isNotNull();
                        assertThat(ex.getValue().path("$ref").asText()).isEqualTo("#/components/examples/" + p.code());
                        assertThat(response.getKey()).as(op.getKey() + " " + path.getKey() + " lists " + p.code())
                                .isEqualTo(String.valueOf(p.status()));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void theWireNamesInTheSchemasAreTheDomains() {
        assertEnum("Threat", wires(Threat.values(), Threat::wire));
        assertEnum("Subtype", wires(Threat.Subtype.values(), Threat.Subtype::wire));
        assertEnum("Stage", wires(Stage.values(), Stage::wire));
        assertEnum("Status", wires(Status.values(), Status::wire));
        assertEnum("EndReason", wires(EndReason.values(), EndReason::wire));
        assertEnum("Role", wires(Role.values(), Role::wire));
        assertEnum("RegionKind", wires(RegionKind.values(), RegionKind::wire));
        assertThat(values(doc.at("/components/schemas/AuditEvent/properties/type/enum")))
                .isEqualTo(wires(EventType.values(), EventType::wire));
        assertThat(values(doc.at("/components/schemas/Event/properties/type/enum")))
                .isEqualTo(wires(Arrays.stream(EventType.values()).filter(EventType::isPublic).toArray(EventType[]::new),
                        EventType::wire));
    }

    @Test
    void everyExampleInTheDocumentMatchesItsSchema() {
        OpenApiSchemas schemas = new OpenApiSchemas();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var schema : doc.at("/components/schemas").properties()) {
            for (JsonNode example : schema.getValue().path("examples")) {
                schemas.instanceErrors(doc, schema.getValue(), example).forEach(e -> problems.add(schema.getKey() + " " + e));
                checked++;
            }
        }
        for (var example : doc.at("/components/examples").properties()) {
            schemas.instanceErrors(doc, doc.at("/components/schemas/Problem"), example.getValue().path("value"))
                    .forEach(e -> problems.add("example " + example.getKey() + " " + e));
            checked++;
        }
        for (var path : doc.path("paths").properties()) {
            for (var op : operations(path.getValue())) {
                for (var response : op.getValue().path("responses").properties()) {
                    JsonNode media = response.getValue().path("content").path("application/json");
                    if (media.has("example")) {
                        schemas.instanceErrors(doc, media.path("schema"), media.path("example")).forEach(e -> problems.add(
                                op.getKey() + " " + path.getKey() + " " + response.getKey() + " " + e));
                        checked++;
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(35);
    }

    // ---- reading routes ----

    /**
     * "METHOD /path" for every route that answers requests, parameters written {@code {}}.
     */
    static Set<String> mountedRoutes(List<Route> routes) {
        Set<String> out = new TreeSet<>();
        for (Route r : routes) {
            String path = r.isRegexPath() ? r.getName() : r.getPath();
            if (path == null) {
                continue; // no path: every request passes through (security headers, the failure handler)
            }
            if (!r.isRegexPath() && !r.isExactPath()) {
                path += "*"; // Vert.x keeps a prefix route "/docs/ui/*" as "/docs/ui/"
            }
            if (r.methods() == null || r.methods().isEmpty()) {
                assertThat(MIDDLEWARE).as("route " + path + " takes any method: give it methods, or list it as middleware")
                        .contains(path);
                continue;
            }
            String normal = normalise(path);
            for (HttpMethod m : r.methods()) {
                out.add(m.name() + " " + normal);
            }
        }
        return out;
    }

    /**
     * "METHOD /path" for every operation of the document. A path item may say which router route serves it
     * ({@code x-tocsin-route}: a static mount such as {@code /*}, or a regex); otherwise it is its own path.
     */
    static Set<String> documentedRoutes(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (var path : doc.path("paths").properties()) {
            JsonNode route = path.getValue().path("x-tocsin-route");
            String normal = normalise(route.isTextual() ? route.asText() : path.getKey());
            for (var op : operations(path.getValue())) {
                out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + normal);
            }
        }
        return out;
    }

    /**
     * Parameters as {@code {}}, whichever way they are written: {@code :id} (Vert.x, which also reports such a route
     * as a regex route named by its path), {@code {id}} (OpenAPI) or the group {@code ([^/]+)} of a regex route.
     */
    static String normalise(String path) {
        return path.replaceAll(":[A-Za-z0-9_]+", "{}").replaceAll("\\{[^}]+}", "{}").replace("([^/]+)", "{}")
                .replace("\\.", ".");
    }

    static List<Map.Entry<String, JsonNode>> operations(JsonNode pathItem) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pathItem.fields(); it.hasNext(); ) {
            var e = it.next();
            if (OPERATIONS.contains(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void assertEnum(String schema, List<String> expected) {
        assertThat(values(doc.at("/components/schemas/" + schema + "/enum"))).as(schema).isEqualTo(expected);
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @SafeVarargs
    private static <E> List<String> wires(E[] values, Function<E, String> wire, E... ignored) {
        return Arrays.stream(values).map(wire).toList();
    }
}
