package io.tocsin.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Small DOM helpers, so that rule classes read as rules rather than as node-list loops. */
final class Dom {
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private Dom() {
    }

    /** The element children of {@code parent}, in document order. */
    static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The element children with this namespace and local name. */
    static List<Element> children(Node parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (is(e, namespace, localName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first such child, if any. */
    static Optional<Element> child(Node parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().findFirst();
    }

    /** The trimmed text of the first such child, if the child exists. */
    static Optional<String> childText(Node parent, String namespace, String localName) {
        return child(parent, namespace, localName).map(Dom::text);
    }

    static boolean is(Element e, String namespace, String localName) {
        return Objects.equals(e.getNamespaceURI(), namespace) && localName.equals(e.getLocalName());
    }

    /** The element's text content with surrounding whitespace removed. */
    static String text(Element e) {
        return e.getTextContent().strip();
    }

    /**
     * Copies {@code element} into a document of its own, so that it can be validated (and its enveloped signature
     * verified) as the standalone message it was before a feed wrapped it. Namespace prefixes the element uses but
     * inherits from the wrapper are declared on the copy, as they must have been in the standalone original.
     */
    static Document extract(Element element) {
        Document doc = SecureXml.newDocument();
        Element copy = (Element) doc.importNode(element, true);
        doc.appendChild(copy);
        declareUsedPrefixes(copy, copy);
        return doc;
    }

    private static void declareUsedPrefixes(Element copy, Element root) {
        declare(copy, root, copy.getPrefix(), copy.getNamespaceURI());
        NamedNodeMap attributes = copy.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (a.getPrefix() != null && !XMLNS.equals(a.getNamespaceURI())) {
                declare(copy, root, a.getPrefix(), a.getNamespaceURI());
            }
        }
        for (Element child : children(copy)) {
            declareUsedPrefixes(child, root);
        }
    }

    // Declares prefix -> uri on the root of the copy unless an xmlns attribute between the element and that root
    // already does (lookupNamespaceURI would not do: it also answers from the element's own name).
    private static void declare(Element element, Element root, String prefix, String uri) {
        if (uri == null) {
            return;
        }
        String name = prefix == null ? "xmlns" : prefix;
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            if (e.hasAttributeNS(XMLNS, name)) {
                return;
            }
            if (e == root) {
                break;
            }
        }
        root.setAttributeNS(XMLNS, prefix == null ? "xmlns" : "xmlns:" + prefix, uri);
    }
}
