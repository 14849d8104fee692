package io.tocsin.cap;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * EDXL-DE 1.0 distributions (NSW Rural Fire Service wraps its CAP this way). Tocsin validates the envelope's required
 * elements and every CAP alert found in contentObject/xmlContent/embeddedXMLContent; other content is not CAP and is
 * noted and skipped. A distribution without any CAP alert is an error: there is nothing to import.
 */
final class EdxlRules {
    private static final String DE = FeedFormat.EDXL_DE.namespace();
    private static final String[] REQUIRED = {"distributionID", "senderID", "dateTimeSent", "distributionStatus",
            "distributionType", "combinedConfidentiality"};

    private EdxlRules() {
    }

    static void check(Element distribution, FeedContext context) {
        Issues issues = context.issues;
        for (String name : REQUIRED) {
            if (FeedContext.text(distribution, DE, name).isEmpty()) {
                issues.error(CapIssue.Category.FEED, "feed.edxl-missing-element", distribution,
                        "the EDXL-DE distribution has no <" + name + "> (EDXL-DE 1.0 requires it)");
            }
        }
        Optional<String> id = FeedContext.text(distribution, DE, "distributionID");
        int alerts = 0;
        for (Element content : Dom.children(distribution, DE, "contentObject")) {
            Optional<String> title = FeedContext.text(content, DE, "contentDescription");
            for (Element xml : Dom.children(content, DE, "xmlContent")) {
                for (Element embedded : Dom.children(xml, DE, "embeddedXMLContent")) {
                    for (Element payload : Dom.children(embedded)) {
                        if (FeedContext.isCapAlert(payload)) {
                            alerts++;
                            CapVerdict verdict = context.embedded(payload);
                            context.entry(new CapFeedEntry(XPaths.of(content), id, title, Optional.empty(),
                                    Optional.of(verdict)));
                        } else {
                            issues.warn(CapIssue.Category.FEED, "feed.edxl-other-content", payload, "<"
                                    + payload.getLocalName() + "> is not a CAP alert and is not validated");
                        }
                    }
                }
            }
        }
        if (alerts == 0) {
            issues.error(CapIssue.Category.FEED, "feed.edxl-no-cap", distribution,
                    "the EDXL-DE distribution carries no CAP alert in contentObject/xmlContent/embeddedXMLContent");
        }
    }
}
