package io.tocsin.cap;

import java.util.List;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The documents a signature is verified against, tried in order until one verifies. The original is never changed.
 * <ol>
 * <li>{@link Mode#AS_RECEIVED}: standard XML-DSig on the message as it came.</li>
 * <li>{@link Mode#PARALLEL}: the message's other top-level signatures set aside, and any child of this signature that
 * is outside the XML-DSig namespace dropped. Canada's NAADS attaches two enveloped signatures made over the same
 * unsigned message (each digest excludes the other) and writes an {@code <Object xmlns="">}; neither is covered by
 * the signature, and nothing inside a ds:Signature is ever read as alert content.</li>
 * <li>{@link Mode#WHITESPACE_NORMALISED}: as PARALLEL, and whitespace-only text between elements removed, together
 * with comments and processing instructions outside the root. WMO members (Seychelles, Togo, Burkina Faso) sign the
 * compact message and then publish it indented with an {@code xml-stylesheet} instruction. The change cannot alter a
 * CAP value: text of leaf elements is kept, and CAP has no mixed content.</li>
 * </ol>
 */
final class SignatureCopies {
    private static final String DS = XMLSignature.XMLNS;

    enum Mode { AS_RECEIVED, PARALLEL, WHITESPACE_NORMALISED }

    /** A verification document and, inside it, the signature to verify. */
    record Copy(Document document, Element signature) {
    }

    private SignatureCopies() {
    }

    /** The copy for {@code mode} of the message, for its {@code index}-th top-level signature. */
    static Copy of(Document original, int index, Mode mode) {
        Document copy = (Document) original.cloneNode(true);
        List<Element> signatures = Dom.children(copy.getDocumentElement(), DS, "Signature");
        Element mine = signatures.get(index);
        if (mode != Mode.AS_RECEIVED) {
            for (Element other : signatures) {
                if (other != mine) {
                    other.getParentNode().removeChild(other);
                }
            }
            for (Element child : Dom.children(mine)) {
                if (!DS.equals(child.getNamespaceURI())) {
                    mine.removeChild(child);
                }
            }
        }
        if (mode == Mode.WHITESPACE_NORMALISED) {
            normalise(copy);
        }
        return new Copy(copy, mine);
    }

    private static void normalise(Node node) {
        boolean elementContent = node instanceof Document || !Dom.children(node).isEmpty();
        for (Node child = node.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            if (child instanceof Element) {
                normalise(child);
            } else if (node instanceof Document
                    || elementContent && child.getNodeType() == Node.TEXT_NODE && child.getNodeValue().isBlank()) {
                node.removeChild(child);
            }
            child = next;
        }
    }
}
