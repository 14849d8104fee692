package io.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;

/**
 * Which elements a CAP version allows under which parent, in which order and how often, read from the bundled OASIS
 * schema itself so that the semantic rules ("no unknown element", "no duplicate single-valued element") and the
 * lenient re-ordering can never drift from the XSD. Parents are named by path from the root: {@code alert/info/area}.
 */
final class CapModel {
    /** One element a parent allows, with its place in the parent's sequence. */
    record Slot(String name, int position, boolean repeatable) {
    }

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final Map<CapVersion, CapModel> MODELS = new EnumMap<>(CapVersion.class);

    private final Map<String, Map<String, Slot>> slotsByParent = new HashMap<>();

    private CapModel() {
    }

    /** The model of a version, read once from its bundled schema. */
    static synchronized CapModel of(CapVersion version) {
        return MODELS.computeIfAbsent(version, CapModel::load);
    }

    /** The slot {@code name} takes under the parent at {@code parentPath}, if the schema has one. */
    Optional<Slot> slot(String parentPath, String name) {
        return Optional.ofNullable(slotsByParent.getOrDefault(parentPath, Map.of()).get(name));
    }

    /** True when the schema declares element content (children) for the element at this path. */
    boolean hasChildren(String path) {
        return slotsByParent.containsKey(path);
    }

    private static CapModel load(CapVersion version) {
        byte[] xsd;
        try (InputStream in = CapModel.class.getResourceAsStream(version.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("missing bundled schema " + version.schemaResource());
            }
            xsd = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Element schema;
        try {
            schema = SecureXml.parse(xsd, SecureXml.MESSAGE_LIMIT).getDocumentElement();
        } catch (XmlRefusedException e) {
            throw new IllegalStateException("bundled schema " + version.schemaResource() + " is unreadable", e);
        }
        Map<String, Element> globals = new HashMap<>();
        for (Element e : Dom.children(schema, XS, "element")) {
            globals.put(e.getAttribute("name"), e);
        }
        CapModel model = new CapModel();
        model.read("alert", globals.get("alert"), globals);
        return model;
    }

    // Records the children a declaration allows; recursion follows the (shallow, fixed) CAP nesting only.
    private void read(String path, Element declaration, Map<String, Element> globals) {
        Optional<Element> sequence = Dom.child(declaration, XS, "complexType")
                .flatMap(type -> Dom.child(type, XS, "sequence"));
        if (sequence.isEmpty()) {
            return;
        }
        Map<String, Slot> slots = new HashMap<>();
        List<Element> nested = new ArrayList<>();
        int position = 0;
        for (Element particle : Dom.children(sequence.get(), XS, "element")) {
            String ref = particle.getAttribute("ref");
            Element target = ref.isEmpty() ? particle : globals.get(ref.substring(ref.indexOf(':') + 1));
            String name = target.getAttribute("name");
            boolean repeatable = !"1".equals(particle.getAttribute("maxOccurs").isEmpty()
                    ? "1" : particle.getAttribute("maxOccurs"));
            slots.put(name, new Slot(name, position++, repeatable));
            nested.add(target);
        }
        slotsByParent.put(path, slots);
        for (Element target : nested) {
            read(path + "/" + target.getAttribute("name"), target, globals);
        }
    }
}
