package io.tocsin.cap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The copy of a message that lenient validation shows to the XSD. Real senders get two things wrong that change no
 * meaning: the order of sibling elements (Serbia's RHMZ puts geocode before polygon, krisinformation.se senderName
 * after headline) and, before CAP 1.2 made room for it, a trailing XML-DSig Signature in a CAP 1.0/1.1 alert. The
 * copy puts children back into schema order (a stable sort: same-named siblings keep their order, so XPaths stay
 * valid for the original) and drops such a signature; each forgiveness is a warning. Everything else still fails.
 */
final class LenientView {
    private LenientView() {
    }

    static Document of(Document original, CapVersion version, Issues issues) {
        Document copy = (Document) original.cloneNode(true);
        Element alert = copy.getDocumentElement();
        if (version != CapVersion.V1_2) {
            for (Element signature : Dom.children(alert, XMLSignature.XMLNS, "Signature")) {
                issues.warn(CapIssue.Category.SCHEMA, "lenient.signature-outside-schema", signature,
                        "CAP " + version.label() + " has no place for an XML-DSig Signature; accepted in lenient "
                                + "mode (it is still verified)");
                alert.removeChild(signature);
            }
        }
        reorder(alert, "alert", version, CapModel.of(version), issues);
        return copy;
    }

    private static void reorder(Element parent, String path, CapVersion version, CapModel model, Issues issues) {
        List<Element> children = Dom.children(parent);
        List<Element> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparingInt(child -> rank(child, path, version, model)));
        if (!sorted.equals(children)) {
            issues.warn(CapIssue.Category.SCHEMA, "lenient.order", parent, "the children of <"
                    + parent.getLocalName() + "> are not in CAP " + version.label() + " schema order ("
                    + firstMisplaced(children, sorted) + "); accepted in lenient mode");
            for (Element child : sorted) {
                parent.appendChild(child); // appendChild moves the node to the end, giving the sorted order
            }
        }
        for (Element child : sorted) {
            if (Objects.equals(child.getNamespaceURI(), version.namespace())) {
                reorder(child, path + "/" + child.getLocalName(), version, model, issues);
            }
        }
    }

    // Unknown and foreign elements sort last, where the XSD will still report them (or, for a 1.2 signature, accept).
    private static int rank(Element child, String path, CapVersion version, CapModel model) {
        if (!Objects.equals(child.getNamespaceURI(), version.namespace())) {
            return Integer.MAX_VALUE;
        }
        Optional<CapModel.Slot> slot = model.slot(path, child.getLocalName());
        return slot.map(CapModel.Slot::position).orElse(Integer.MAX_VALUE - 1);
    }

    private static String firstMisplaced(List<Element> actual, List<Element> expected) {
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i) != expected.get(i)) {
                return "<" + actual.get(i).getLocalName() + "> comes before <" + expected.get(i).getLocalName()
                        + ">";
            }
        }
        return "order differs";
    }
}
