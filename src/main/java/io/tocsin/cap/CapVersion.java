package io.tocsin.cap;

import java.util.Arrays;
import java.util.Optional;

/** The CAP versions the validator knows, each with its namespace and the bundled OASIS schema. */
public enum CapVersion {
    V1_0("1.0", "http://www.incident.com/cap/1.0", "/cap/CAP-v1.0.xsd"),
    V1_1("1.1", "urn:oasis:names:tc:emergency:cap:1.1", "/cap/CAP-v1.1.xsd"),
    V1_2("1.2", "urn:oasis:names:tc:emergency:cap:1.2", "/cap/CAP-v1.2.xsd");

    private final String label;
    private final String namespace;
    private final String schemaResource;

    CapVersion(String label, String namespace, String schemaResource) {
        this.label = label;
        this.namespace = namespace;
        this.schemaResource = schemaResource;
    }

    /** "1.2". */
    public String label() {
        return label;
    }

    /** The XML namespace of the version's elements. */
    public String namespace() {
        return namespace;
    }

    String schemaResource() {
        return schemaResource;
    }

    /** The version whose namespace this is, if any. */
    public static Optional<CapVersion> byNamespace(String namespace) {
        return Arrays.stream(values()).filter(v -> v.namespace.equals(namespace)).findFirst();
    }
}
