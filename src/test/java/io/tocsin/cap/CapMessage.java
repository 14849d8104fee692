package io.tocsin.cap;

import java.nio.charset.StandardCharsets;

/**
 * A small CAP 1.2 message for rule tests, valid as built; each wither swaps one part so a test shows exactly what it
 * breaks.
 */
record CapMessage(String identifier, String sender, String sent, String msgType, String scope, String afterScope,
                  String times, String headline, String area) {

    static CapMessage valid() {
        return new CapMessage("UA-TOCSIN-2024-0001", "operator@tocsin.example", "2024-03-01T10:00:00+02:00", "Alert",
                "Public", "", "<expires>2024-03-01T12:00:00+02:00</expires>", "Air raid alert",
                "<areaDesc>Kyivska oblast</areaDesc>"
                        + "<polygon>50.0,30.0 50.0,31.0 51.0,31.0 51.0,30.0 50.0,30.0</polygon>"
                        + "<circle>50.45,30.52 10</circle>");
    }

    CapMessage identifier(String value) {
        return new CapMessage(value, sender, sent, msgType, scope, afterScope, times, headline, area);
    }

    CapMessage sender(String value) {
        return new CapMessage(identifier, value, sent, msgType, scope, afterScope, times, headline, area);
    }

    CapMessage sent(String value) {
        return new CapMessage(identifier, sender, value, msgType, scope, afterScope, times, headline, area);
    }

    CapMessage msgType(String value) {
        return new CapMessage(identifier, sender, sent, value, scope, afterScope, times, headline, area);
    }

    CapMessage scope(String value) {
        return new CapMessage(identifier, sender, sent, msgType, value, afterScope, times, headline, area);
    }

    /** Elements between scope and info: restriction, addresses, code, note, references, incidents. */
    CapMessage afterScope(String value) {
        return new CapMessage(identifier, sender, sent, msgType, scope, value, times, headline, area);
    }

    /** The effective/onset/expires elements of the info. */
    CapMessage times(String value) {
        return new CapMessage(identifier, sender, sent, msgType, scope, afterScope, value, headline, area);
    }

    /** The headline's content (markup allowed). */
    CapMessage headline(String value) {
        return new CapMessage(identifier, sender, sent, msgType, scope, afterScope, times, value, area);
    }

    /** The whole content of the area, areaDesc included. */
    CapMessage area(String value) {
        return new CapMessage(identifier, sender, sent, msgType, scope, afterScope, times, headline, value);
    }

    String xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                + "<identifier>" + identifier + "</identifier><sender>" + sender + "</sender><sent>" + sent + "</sent>"
                + "<status>Actual</status><msgType>" + msgType + "</msgType><scope>" + scope + "</scope>"
                + afterScope
                + "<info><category>Safety</category><event>Air raid</event><urgency>Immediate</urgency>"
                + "<severity>Extreme</severity><certainty>Observed</certainty>" + times
                + "<headline>" + headline + "</headline><area>" + area + "</area></info></alert>";
    }

    byte[] bytes() {
        return xml().getBytes(StandardCharsets.UTF_8);
    }
}
