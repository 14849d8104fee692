package io.tocsin.cap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * "No unknown element in the CAP namespace" and "no duplicate of a single-valued element", checked against the
 * version's schema model. The XSD rejects both too, but its message ("invalid content was found starting with …")
 * does not say which of the two happened; these say it plainly. Elements of other namespaces are left to the XSD
 * (which admits exactly one: the XML-DSig Signature in CAP 1.2).
 */
final class StructureRules {
    private StructureRules() {
    }

    static void check(Element alert, CapVersion version, Issues issues) {
        walk(alert, "alert", version, CapModel.of(version), issues);
    }

    private static void walk(Element parent, String path, CapVersion version, CapModel model, Issues issues) {
        Map<String, Integer> seen = new HashMap<>();
        for (Element child : Dom.children(parent)) {
            String namespace = child.getNamespaceURI();
            Optional<CapVersion> childVersion = namespace == null ? Optional.empty()
                    : CapVersion.byNamespace(namespace);
            if (childVersion.isEmpty()) {
                continue;
            }
            String name = child.getLocalName();
            if (childVersion.get() != version) {
                issues.error(CapIssue.Category.SEMANTIC, "element.mixed-version", child, "<" + name
                        + "> is in the CAP " + childVersion.get().label() + " namespace inside a CAP "
                        + version.label() + " alert");
                continue;
            }
            Optional<CapModel.Slot> slot = model.slot(path, name);
            if (slot.isEmpty()) {
                String parentName = path.substring(path.lastIndexOf('/') + 1);
                issues.error(CapIssue.Category.SEMANTIC, "element.unknown", child, model.hasChildren(path)
                        ? "<" + name + "> is not a CAP " + version.label() + " element of <" + parentName + ">"
                        : "<" + parentName + "> holds text only; <" + name + "> is not allowed inside it");
                continue;
            }
            int count = seen.merge(name, 1, Integer::sum);
            if (count > 1 && !slot.get().repeatable()) {
                issues.error(CapIssue.Category.SEMANTIC, "element.duplicate", child, "<" + name
                        + "> may appear only once in <" + path.substring(path.lastIndexOf('/') + 1) + ">");
            }
            walk(child, path + "/" + name, version, model, issues);
        }
    }
}
