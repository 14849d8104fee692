package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser's limits: size, depth and DTDs, each refused as a security issue before any content is used. */
class CapSecureXmlTest {

    @Test
    void aMessageLargerThanTheLimitIsRefusedUnparsed() {
        CapValidator small = CapValidator.builder().maxBytes(1024).build();
        byte[] message = CapMessage.valid().headline("x".repeat(2000)).bytes();

        assertThat(small.validate(message).issues()).extracting(CapIssue::code).containsExactly("security.too-large");
        assertThat(CapValidator.strict().validate(message).valid()).isTrue();
    }

    @Test
    void theDefaultLimitsAreTwoMebibytesForAMessageAndEightForAFeed() {
        assertThat(CapValidator.strict().maxBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(CapFeedValidator.standard().maxBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutBeingRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.xml");
        Files.write(big, new byte[3 * 1024 * 1024]);

        assertThat(CapValidator.strict().validate(big).issues()).extracting(CapIssue::code)
                .containsExactly("security.too-large");
    }

    @Test
    void aStreamIsReadNoFurtherThanTheLimit() {
        byte[] endless = new byte[10_000];

        assertThatThrownBy(() -> SecureXml.readBounded(new ByteArrayInputStream(endless), 4096))
                .isInstanceOf(XmlRefusedException.class)
                .satisfies(e -> assertThat(((XmlRefusedException) e).issue().code()).isEqualTo("security.too-large"));
    }

    @Test
    void theLargestRealAlertFitsTheMessageLimit() {
        assertThat(CapValidator.strict().validate(CapCorpus.bytes("valid/wmo-capvalidator_bf_valid.xml")).valid())
                .isTrue();
    }

    @Test
    void absurdNestingIsRefusedAsASecurityIssue() {
        String deep = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">" + "<note>".repeat(500)
                + "</note>".repeat(500) + "</alert>";

        assertThat(CapValidator.strict().validate(deep.getBytes(StandardCharsets.UTF_8)).issues())
                .extracting(CapIssue::category, CapIssue::code)
                .containsExactly(tuple(CapIssue.Category.SECURITY, "security.limit"));
    }

    @Test
    void anyDoctypeIsRefusedEvenWithoutEntities() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE alert><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>";

        assertThat(CapValidator.strict().validate(xml.getBytes(StandardCharsets.UTF_8)).issues())
                .extracting(CapIssue::code).containsExactly("security.doctype");
    }

    @Test
    void malformedXmlIsASchemaIssueWithItsPosition() {
        CapVerdict verdict = CapValidator.strict().validate(CapCorpus.bytes(
                "invalid/google-derived_invalid_xml_syntax.xml"));

        assertThat(verdict.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.category()).isEqualTo(CapIssue.Category.SCHEMA);
            assertThat(issue.code()).isEqualTo("xml.malformed");
            assertThat(issue.message()).contains("line 1, column 7");
        });
    }
}
