package io.tocsin.cap;

import java.util.List;
import org.w3c.dom.Element;

/**
 * An IPAWS-like profile: what the OASIS CAP 1.2 IPAWS profile v1.0 requires beyond CAP (its schema is in the test
 * corpus: capv1.2-ipaws-profile-v1.0-pr02.xsd) — a {@code <code>} naming the profile, an eventCode and a SAME event
 * code, {@code <expires>}, at least one area, and SAME geocodes. SAME codes are US (EAS) codes, so Tocsin's own
 * messages do not claim this profile; it shows what a US-style gateway would refuse.
 */
final class IpawsProfileRules {
    static final String PROFILE_CODE = "IPAWSv1.0";
    private static final CapIssue.Category P = CapIssue.Category.PROFILE;

    private IpawsProfileRules() {
    }

    static void check(Element alert, String ns, Issues issues) {
        boolean coded = Dom.children(alert, ns, "code").stream()
                .anyMatch(c -> PROFILE_CODE.equals(Dom.text(c).strip()));
        if (!coded) {
            issues.error(P, "ipaws.code.required", alert, "<code>" + PROFILE_CODE + "</code> is required");
        }
        for (Element info : Dom.children(alert, ns, "info")) {
            if (!hasValue(info, ns, "eventCode", "SAME")) {
                issues.error(P, "ipaws.event-code.required", info, "an <eventCode> with valueName SAME is required");
            }
            if (GoogleProfileRules.text(info, ns, "expires").isEmpty()) {
                issues.error(P, "ipaws.expires.required", info, "<expires> is required");
            }
            List<Element> areas = Dom.children(info, ns, "area");
            if (areas.isEmpty()) {
                issues.error(P, "ipaws.area.required", info, "at least one <area> is required");
            }
            for (Element area : areas) {
                if (!hasValue(area, ns, "geocode", "SAME")) {
                    issues.error(P, "ipaws.geocode.same-required", area, "each <area> needs a geocode with "
                            + "valueName SAME (a 6-digit FIPS-based code)");
                }
            }
        }
    }

    private static boolean hasValue(Element parent, String ns, String element, String valueName) {
        return Dom.children(parent, ns, element).stream()
                .anyMatch(e -> valueName.equals(GoogleProfileRules.text(e, ns, "valueName")));
    }
}
