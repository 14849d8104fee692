package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.tocsin.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema validation for the API description, fully offline: the official OpenAPI 3.1 schemas (from
 * src/test/resources/openapi-3.1, see the README there) are registered under their ids and nothing is fetched.
 */
final class OpenApiSchemas {
    /** The OpenAPI 3.1 schema that also checks every Schema Object against the OpenAPI dialect. */
    static final String OAS_31_WITH_DIALECT = "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07";
    private static final Map<String, String> FILES = Map.of(
            "https://spec.openapis.org/oas/3.1/schema/2022-10-07", "openapi-3.1/schema-2022-10-07.json",
            OAS_31_WITH_DIALECT, "openapi-3.1/schema-base-2022-10-07.json",
            "https://spec.openapis.org/oas/3.1/dialect/base", "openapi-3.1/dialect-base.json",
            "https://spec.openapis.org/oas/3.1/meta/base", "openapi-3.1/meta-base.json");
    private static final String COMPONENTS = "#/components/schemas/";

    private final SchemaRegistry registry;

    OpenApiSchemas() {
        Map<String, String> byId = new LinkedHashMap<>();
        FILES.forEach((id, file) -> byId.put(id, read(file)));
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(byId).schemaLoader(l -> l.fetchRemoteResources(false)));
    }

    /** What the official OpenAPI 3.1 schema finds wrong with {@code document}; empty when it is valid. */
    List<String> documentErrors(String document) {
        Schema schema = registry.getSchema(SchemaLocation.of(OAS_31_WITH_DIALECT));
        return messages(schema.validate(document, InputFormat.JSON));
    }

    /**
     * What {@code schema} (a Schema Object of {@code document}, whose {@code $ref}s point into its components)
     * finds wrong with {@code instance}.
     */
    List<String> instanceErrors(JsonNode document, JsonNode schema, JsonNode instance) {
        ObjectNode root = (ObjectNode) rewriteRefs(schema.deepCopy());
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.set("$defs", rewriteRefs(document.path("components").path("schemas").deepCopy()));
        Schema s = registry.getSchema(root.toString(), InputFormat.JSON);
        return messages(s.validate(instance.toString(), InputFormat.JSON));
    }

    /** Components' refs become refs into {@code $defs} of the standalone schema built around them. */
    private static JsonNode rewriteRefs(JsonNode n) {
        try {
            return Json.MAPPER.readTree(n.toString().replace("\"" + COMPONENTS, "\"#/$defs/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()
                + " (schema " + e.getSchemaLocation() + ")").toList();
    }

    private static String read(String resource) {
        try (InputStream in = OpenApiSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
