package io.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.xml.sax.SAXException;

/** The compiled OASIS schemas, one per version, loaded once from the class path with external access off. */
final class CapSchemas {
    private static final Map<CapVersion, Schema> SCHEMAS = new EnumMap<>(CapVersion.class);

    private CapSchemas() {
    }

    /** The compiled schema of a version; {@link Schema} is immutable and safe to share between threads. */
    static synchronized Schema of(CapVersion version) {
        return SCHEMAS.computeIfAbsent(version, CapSchemas::compile);
    }

    private static Schema compile(CapVersion version) {
        try (InputStream in = CapSchemas.class.getResourceAsStream(version.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("missing bundled schema " + version.schemaResource());
            }
            return SecureXml.schemaFactory().newSchema(new StreamSource(in, "classpath:" + version.schemaResource()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("bundled schema " + version.schemaResource() + " does not compile", e);
        }
    }
}
