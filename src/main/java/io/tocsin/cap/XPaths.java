package io.tocsin.cap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XPaths for error messages, in the form {@code /alert/info[1]/area[2]/polygon[1]}: the root without a position,
 * every other step with its position among same-named siblings. Elements in the root's namespace are written by
 * local name; others by the qualified name the document uses ({@code ds:Signature}), so the path reads like the file.
 */
final class XPaths {
    private XPaths() {
    }

    static String of(Node node) {
        Node n = node instanceof Attr a ? a.getOwnerElement() : node;
        while (n != null && !(n instanceof Element)) {
            n = n.getParentNode();
        }
        if (n == null) {
            return "/";
        }
        Element element = (Element) n;
        String rootNamespace = element.getOwnerDocument().getDocumentElement().getNamespaceURI();
        Deque<String> steps = new ArrayDeque<>();
        for (Element e = element; e != null; e = parentElement(e)) {
            String name = Objects.equals(e.getNamespaceURI(), rootNamespace) ? e.getLocalName() : e.getNodeName();
            Element parent = parentElement(e);
            steps.push(parent == null ? "/" + name : "/" + name + "[" + position(e) + "]");
        }
        return String.join("", steps);
    }

    private static Element parentElement(Element e) {
        return e.getParentNode() instanceof Element parent ? parent : null;
    }

    private static int position(Element e) {
        int position = 1;
        for (Node s = e.getPreviousSibling(); s != null; s = s.getPreviousSibling()) {
            if (s instanceof Element other && Objects.equals(other.getNamespaceURI(), e.getNamespaceURI())
                    && Objects.equals(other.getLocalName(), e.getLocalName())) {
                position++;
            }
        }
        return position;
    }
}
