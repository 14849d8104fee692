package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import io.tocsin.support.RunningServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** CAP over HTTP for tests: post a message, fetch an export or a feed, read a few elements. */
final class CapHttp {
    static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String ATOM = "http://www.w3.org/2005/Atom";

    private CapHttp() {
    }

    static HttpResponse<String> post(RunningServer s, String token, String xml) {
        return post(s, token, xml.getBytes(StandardCharsets.UTF_8), "application/cap+xml");
    }

    static HttpResponse<String> post(RunningServer s, String token, byte[] xml, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/v1/cap")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xml));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return s.send(b.build());
    }

    static HttpResponse<byte[]> getBytes(RunningServer s, String path) {
        try {
            return s.http.send(HttpRequest.newBuilder(s.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CAP message of an alert, asserted to be served as CAP. */
    static byte[] export(RunningServer s, String alertId) {
        HttpResponse<byte[]> r = getBytes(s, "/api/v1/alerts/" + alertId + ".cap");
        if (r.statusCode() != 200) {
            throw new AssertionError("export of " + alertId + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }


    static String issue(RunningServer s, String token, String body) {
        HttpResponse<String> r = s.post("/api/v1/alerts", token, body);
        if (r.statusCode() != 201) {
            throw new AssertionError("issue: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("alert").get("id").asText();
    }

    /** A namespace-aware DOM of trusted test output. */
    static Document dom(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> all(Node root, String ns, String name) {
        List<Element> out = new ArrayList<>();
        var list = root instanceof Document d ? d.getElementsByTagNameNS(ns, name)
                : ((Element) root).getElementsByTagNameNS(ns, name);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static List<String> texts(Node root, String name) {
        return all(root, NS, name).stream().map(e -> e.getTextContent().strip()).toList();
    }

    static Optional<String> text(Node root, String name) {
        return texts(root, name).stream().findFirst();
    }

    /** A CAP 1.2 message with one info; {@code infoBody} is everything after certainty. */
    static String message(String identifier, String status, String msgType, String references, String event,
                          String infoBody) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<alert xmlns=\"" + NS + "\"><identifier>" + identifier + "</identifier>"
                + "<sender>ops@dsns.example</sender><sent>2026-03-01T10:00:00+02:00</sent>"
                + "<status>" + status + "</status><msgType>" + msgType + "</msgType><scope>Public</scope>"
                + (references == null ? "" : "<references>" + references + "</references>")
                + "<info><language>uk</language><category>Security</category><event>" + event + "</event>"
                + "<urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>"
                + infoBody + "</info></alert>";
    }

    static String drones() {
        return "<eventCode><valueName>TOCSIN</valueName><value>air_raid:drones</value></eventCode>";
    }

    static String geocodeArea(String name, String value) {
        return "<area><areaDesc>area</areaDesc><geocode><valueName>" + name + "</valueName><value>" + value
                + "</value></geocode></area>";
    }
}
