package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import static io.tocsin.cap.CapHttp.ATOM;
import static io.tocsin.cap.CapHttp.all;
import static io.tocsin.cap.CapHttp.dom;
import static io.tocsin.cap.CapHttp.issue;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** GET /api/v1/cap/feed.atom: an Atom entry per CAP message, each linking that message, valid CAP. */
@ExtendWith(ServerPerClass.class)
class CapFeedApiTest {
    static RunningServer s;
    static String actual;
    static String exercise;

    @BeforeAll
    static void start() {
        actual = issue(s, s.admin, """
                {"regions":["UA-32"],"threat":"air_raid","subtype":"ballistic_missile",
                 "headline":{"uk":"Загроза балістики","en":"Ballistic threat"}}""");
        exercise = issue(s, s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\",\"status\":\"exercise\"}");
        String ended = issue(s, s.admin, "{\"regions\":[\"UA-12\"],\"threat\":\"artillery\"}");
        s.post("/api/v1/alerts/" + ended + "/end", s.admin, "{}");
    }

    static byte[] feed(String query) {
        HttpResponse<byte[]> r = CapHttp.getBytes(s, "/api/v1/cap/feed.atom" + query);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
        return r.body();
    }

    @Test
    void theFeedHasAtomsRequiredElementsAndEveryLinkedMessageIsValidCap() {
        byte[] xml = feed("");
        Document doc = dom(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(direct(root, required)).as("feed/" + required).isNotEmpty();
        }
        assertThat(direct(root, "updated").get(0).getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        List<Element> entries = direct(root, "entry");
        assertThat(entries).as("the actual alert's issue, and the other's issue and all-clear").hasSize(3);
        Element entry = entries.stream().filter(e -> direct(e, "id").get(0).getTextContent()
                .startsWith("urn:tocsin:" + actual + ":")).findFirst().orElseThrow();
        for (String required : List.of("id", "title", "updated")) {
            assertThat(direct(entry, required)).as("entry/" + required).hasSize(1);
        }
        String seq = direct(entry, "id").get(0).getTextContent().replace("urn:tocsin:" + actual + ":", "");
        assertThat(direct(entry, "title").get(0).getTextContent()).contains("Загроза балістики").contains("Ballistic threat");
        Element link = direct(entry, "link").get(0);
        assertThat(link.getAttribute("rel")).isEqualTo("alternate");
        assertThat(link.getAttribute("type")).isEqualTo("application/cap+xml");
        assertThat(link.getAttribute("href"))
                .isEqualTo(s.server.url() + "/api/v1/alerts/" + actual + ".cap?seq=" + seq);

        CapFeedVerdict verdict = CapFeedValidator.builder()
                .messages(CapExportApiTest.STRICT_1_2)
                .resolver(CapFeedApiTest::fetch).build().validate(xml);
        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.entries()).hasSize(3).allSatisfy(e ->
                assertThat(e.message()).hasValueSatisfying(m -> assertThat(m.valid()).isTrue()));
        assertThat(verdict.entries()).anySatisfy(e -> assertThat(e.capLink()).contains(link.getAttribute("href")));
    }

    @Test
    void drillsAreLeftOutUnlessAskedForAndThenSayWhatTheyAre() {
        assertThat(ids(feed(""))).hasSize(3).noneMatch(id -> id.contains(exercise));
        byte[] drills = feed("?status=exercise");
        assertThat(ids(drills)).singleElement().asString().startsWith("urn:tocsin:" + exercise + ":");
        Element entry = direct(dom(drills).getDocumentElement(), "entry").get(0);
        assertThat(direct(entry, "title").get(0).getTextContent()).startsWith("НАВЧАННЯ: ").contains("EXERCISE: ");
        assertThat(direct(entry, "summary").get(0).getTextContent()).contains("не справжня тривога");
        assertThat(ids(feed("?status=all"))).hasSize(4);
        assertThat(CapFeedValidator.standard().validate(drills).valid()).isTrue();
    }

    @Test
    void theFeedFiltersLikeTheActiveListAndRefusesBadFilters() {
        assertThat(ids(feed("?region=UA-46&status=all"))).singleElement().asString()
                .startsWith("urn:tocsin:" + exercise + ":");
        assertThat(ids(feed("?threat=artillery"))).as("the ended alert's issue and all-clear stay").hasSize(2);
        HttpResponse<String> bad = s.get("/api/v1/cap/feed.atom?status=maybe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asText()).isEqualTo("invalid-query");
    }

    static Optional<byte[]> fetch(URI link) {
        HttpResponse<byte[]> r = CapHttp.getBytes(s, link.getRawPath()
                + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
        return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    }

    static List<String> ids(byte[] feed) {
        return direct(dom(feed).getDocumentElement(), "entry").stream()
                .map(e -> direct(e, "id").get(0).getTextContent()).toList();
    }

    /** Atom children of that name directly under the element. */
    static List<Element> direct(Element parent, String name) {
        return all(parent, ATOM, name).stream().filter(e -> e.getParentNode() == parent).toList();
    }
}
