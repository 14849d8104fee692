package io.tocsin.cap;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * Validates a parsed alert against its version's OASIS XSD. The DOM is validated in place (no second parse), and each
 * error is placed with the node the validator was on when it complained, so it gets a real XPath.
 */
final class SchemaCheck {
    // Xerces exposes the element being validated while it walks a DOMSource.
    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";
    private static final Pattern XERCES_KEY = Pattern.compile("^(cvc-[\\w.\\-]+?):");

    private SchemaCheck() {
    }

    static void run(Document document, CapVersion version, Issues issues) {
        Validator validator = CapSchemas.of(version).newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK validator refused a security setting", e);
        }
        validator.setResourceResolver((type, ns, publicId, systemId, base) -> {
            throw new IllegalStateException("validation tried to load " + systemId + "; external access is off");
        });
        validator.setErrorHandler(new Collector(validator, document, version, issues));
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            // Already recorded by the collector (fatal errors are rethrown to stop the walk).
        } catch (IOException e) {
            throw new IllegalStateException("a DOM source cannot fail to read", e);
        }
    }

    private record Collector(Validator validator, Document document, CapVersion version, Issues issues)
            implements ErrorHandler {

        @Override
        public void warning(SAXParseException e) {
            issues.warn(CapIssue.Category.SCHEMA, code(e), where(), "CAP " + version.label() + " schema: "
                    + e.getMessage());
        }

        @Override
        public void error(SAXParseException e) {
            issues.error(CapIssue.Category.SCHEMA, code(e), where(), "CAP " + version.label() + " schema: "
                    + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
            throw e;
        }

        private Node where() {
            try {
                Object node = validator.getProperty(CURRENT_NODE);
                return node instanceof Node n ? n : document.getDocumentElement();
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                return document.getDocumentElement();
            }
        }

        private static String code(SAXParseException e) {
            Matcher m = XERCES_KEY.matcher(String.valueOf(e.getMessage()));
            return m.find() ? "schema." + m.group(1) : "schema.invalid";
        }
    }
}
