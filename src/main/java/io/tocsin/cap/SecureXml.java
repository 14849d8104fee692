package io.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way CAP, Atom, RSS and EDXL-DE documents are parsed in Tocsin. A CAP message comes from a stranger, so the
 * parser can do nothing but read the bytes it is given: no DTD (a DOCTYPE is a fatal error, which also rules out every
 * entity but the five predefined ones), no external entity, DTD, schema or stylesheet, no XInclude, JAXP secure
 * processing on, a bounded element depth and attribute count, and a size limit checked before parsing.
 */
public final class SecureXml {
    /** The default size limit for one CAP message. */
    public static final long MESSAGE_LIMIT = 2L * 1024 * 1024;
    /** The default size limit for a feed (the WMO Burkina Faso alerts alone are ~880 KB). */
    public static final long FEED_LIMIT = 8L * 1024 * 1024;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    // Real CAP is 5 levels deep, a signature adds 4, a feed or EDXL-DE wrapper about 5: 100 leaves a wide margin
    // while keeping recursive walkers far from a stack overflow.
    private static final String MAX_DEPTH = "100";
    private static final DocumentBuilderFactory FACTORY = newFactory();

    private SecureXml() {
    }

    /** Parses at most {@code limit} bytes into a namespace-aware DOM, keeping whitespace and comments (signatures). */
    public static Document parse(byte[] xml, long limit) throws XmlRefusedException {
        if (xml.length > limit) {
            throw tooLarge(limit);
        }
        DocumentBuilder builder = newBuilder();
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException e) {
            throw classify(e, xml);
        } catch (SAXException e) {
            throw malformed(e.getMessage(), e);
        } catch (IOException e) {
            throw malformed("cannot read the document: " + e.getMessage(), e);
        }
    }

    /** Reads a stream, refusing it as soon as it passes {@code limit} bytes. */
    public static byte[] readBounded(InputStream in, long limit) throws IOException, XmlRefusedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads a file, refusing it without reading when it is larger than {@code limit}. */
    public static byte[] readBounded(Path file, long limit) throws IOException, XmlRefusedException {
        if (Files.size(file) > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, limit);
        }
    }

    /** A fresh empty document, for moving an embedded alert out of its feed. */
    static Document newDocument() {
        return newBuilder().newDocument();
    }

    /** A schema factory that cannot reach the file system or the network either. */
    static SchemaFactory schemaFactory() {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK schema factory refused a security setting", e);
        }
        factory.setResourceResolver((type, ns, publicId, systemId, base) -> {
            throw new IllegalStateException("schema tried to load " + systemId + "; external access is off");
        });
        return factory;
    }

    private static DocumentBuilderFactory newFactory() {
        // The JDK's own implementation, never one found on the class path: the feature names below are its names.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(false);
        factory.setCoalescing(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refused a security feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        // Without a DTD no entity can be declared; the limits are a second line should that ever change.
        factory.setAttribute("jdk.xml.entityExpansionLimit", "100");
        factory.setAttribute("jdk.xml.maxGeneralEntitySizeLimit", "4096");
        factory.setAttribute("jdk.xml.totalEntitySizeLimit", "65536");
        factory.setAttribute("jdk.xml.maxElementDepth", MAX_DEPTH);
        factory.setAttribute("jdk.xml.elementAttributeLimit", "200");
        return factory;
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilder builder;
        try {
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure the XML parser", e);
        }
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused: documents are never resolved");
        });
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // Warnings are not failures, and printing them to stderr (the JDK default) helps nobody.
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder;
    }

    private static XmlRefusedException classify(SAXParseException e, byte[] xml) {
        String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
        String text = String.valueOf(e.getMessage());
        if (text.contains(DISALLOW_DOCTYPE) || declaresDoctype(xml)) {
            return new XmlRefusedException(new CapIssue(CapIssue.Category.SECURITY, "security.doctype", "/",
                    where + "a DOCTYPE declaration is not allowed (DTDs and entities could reach the file system "
                            + "or the network); the document was refused unread"), e);
        }
        if (text.contains("JAXP000")) {
            return new XmlRefusedException(new CapIssue(CapIssue.Category.SECURITY, "security.limit", "/",
                    where + "the document exceeds a parser safety limit: " + text), e);
        }
        return malformed(where + text, e);
    }

    // The parser's message names the feature in every locale, but the bytes are checked too so that a DOCTYPE is
    // always classed as security even if a future JDK words it differently.
    private static boolean declaresDoctype(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("<!DOCTYPE");
    }

    private static XmlRefusedException malformed(String message, Throwable cause) {
        return new XmlRefusedException(new CapIssue(CapIssue.Category.SCHEMA, "xml.malformed", "/",
                "not well-formed XML: " + message), cause);
    }

    private static XmlRefusedException tooLarge(long limit) {
        return new XmlRefusedException(new CapIssue(CapIssue.Category.SECURITY, "security.too-large", "/",
                "the document is larger than the limit of " + limit + " bytes and was not parsed"), null);
    }
}
