package io.tocsin.cap.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an indented XML document in one default namespace with the JDK's StAX writer, which escapes all text. Text
 * is stripped of the characters XML 1.0 cannot carry, so no alert text can make the output ill-formed.
 */
final class XmlOut {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final XMLStreamWriter w;
    private int depth;

    XmlOut(String root, String namespace) {
        try {
            w = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(namespace);
            w.writeStartElement(namespace, root);
            w.writeDefaultNamespace(namespace);
            depth = 1;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot start an XML document", e);
        }
    }

    /** Opens a child element; attributes are name/value pairs. */
    XmlOut open(String name, String... attributes) {
        try {
            indent();
            w.writeStartElement(name);
            attributes(attributes);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    XmlOut close() {
        try {
            depth--;
            indent();
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <name>text</name>}, or nothing when the text is null or blank. */
    XmlOut leaf(String name, String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        try {
            indent();
            w.writeStartElement(name);
            w.writeCharacters(clean(text));
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element with attributes and no content, e.g. an Atom link. */
    XmlOut empty(String name, String... attributes) {
        try {
            indent();
            w.writeEmptyElement(name);
            attributes(attributes);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the root and returns the UTF-8 bytes. */
    byte[] finish() {
        try {
            while (depth > 0) {
                close();
            }
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    String finishString() {
        return new String(finish(), StandardCharsets.UTF_8);
    }

    private void attributes(String... pairs) throws XMLStreamException {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                w.writeAttribute(pairs[i], clean(pairs[i + 1]));
            }
        }
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || Character.isSurrogate(c);
            if (!ok && out == null) {
                out = new StringBuilder(s.substring(0, i));
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
