package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enveloped XML-DSig: what verifies, what fails and why, what is not counted, and the per-sender policy. */
class CapSignatureTest {
    private static final CapValidator OPTIONAL = CapValidator.strict();
    private static final CapValidator REQUIRED = CapValidator.builder()
            .signaturePolicy(SignaturePolicy.requireAll()).build();
    private static final Pattern SIGNATURE_VALUE = Pattern.compile("<ds:SignatureValue>([^<]+)</ds:SignatureValue>");

    @TempDir
    static Path keys;
    private static TestSigner ecWithCertificate;
    private static TestSigner rsaWithCertificate;
    private static TestSigner encipherOnly;

    @BeforeAll
    static void generateKeys() throws Exception {
        ecWithCertificate = TestSigner.generate(keys, "EC", "digitalSignature");
        rsaWithCertificate = TestSigner.generate(keys, "RSA", "digitalSignature,nonRepudiation");
        encipherOnly = TestSigner.generate(keys, "RSA", "keyEncipherment");
    }

    private static String string(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFreshlySignedAlertVerifiesWithTheCertificateInItsKeyInfo() throws Exception {
        CapVerdict verdict = REQUIRED.validate(ecWithCertificate.sign(CapMessage.valid().bytes(), true));

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.warnings()).isEmpty();
        assertThat(verdict.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void aSignatureWithOnlyAKeyValueVerifiesToo() throws Exception {
        CapVerdict verdict = REQUIRED.validate(rsaWithCertificate.sign(CapMessage.valid().bytes(), false));

        assertThat(verdict.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void changingTheAlertAfterSigningIsABadDigest() throws Exception {
        String signed = string(ecWithCertificate.sign(CapMessage.valid().bytes(), true));

        CapVerdict verdict = OPTIONAL.validate(bytes(signed.replace("Air raid alert", "All clear")));

        assertThat(verdict.signature()).isEqualTo(SignatureStatus.INVALID);
        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple(CapIssue.Category.SIGNATURE, "signature.bad-digest", "/alert/ds:Signature[1]"));
        assertThat(verdict.issues().get(0).message()).contains("changed after signing");
    }

    @Test
    void aDamagedSignatureValueIsABadSignature() throws Exception {
        String signed = string(rsaWithCertificate.sign(CapMessage.valid().bytes(), true));
        Matcher value = SIGNATURE_VALUE.matcher(signed);
        assertThat(value.find()).isTrue();
        byte[] raw = Base64.getMimeDecoder().decode(value.group(1));
        raw[raw.length / 2] ^= 0x01;

        CapVerdict verdict = OPTIONAL.validate(bytes(signed.replace(value.group(1),
                Base64.getEncoder().encodeToString(raw))));

        assertThat(verdict.issues()).extracting(CapIssue::code).containsExactly("signature.bad-signature");
    }

    @Test
    void aCertificateThatMayNotSignIsRefused() throws Exception {
        CapVerdict verdict = OPTIONAL.validate(encipherOnly.sign(CapMessage.valid().bytes(), true));

        assertThat(verdict.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("signature.bad-certificate");
            assertThat(issue.message()).contains("may not be used for signatures");
        });
    }

    @Test
    void anUnreadableCertificateIsRefused() throws Exception {
        String signed = string(ecWithCertificate.sign(CapMessage.valid().bytes(), true));
        String garbage = Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.UTF_8));

        CapVerdict verdict = OPTIONAL.validate(bytes(signed.replaceAll(
                "(?s)<ds:X509Certificate>.*?</ds:X509Certificate>",
                "<ds:X509Certificate>" + garbage + "</ds:X509Certificate>")));

        assertThat(verdict.issues()).extracting(CapIssue::code, CapIssue::xpath).containsExactly(tuple(
                "signature.bad-certificate",
                "/alert/ds:Signature[1]/ds:KeyInfo[1]/ds:X509Data[1]/ds:X509Certificate[1]"));
    }

    @Test
    void theWmoTamperingSamplesAreNamedByWhatWasAltered() {
        assertThat(OPTIONAL.validate(CapCorpus.bytes("invalid/wmo-capvalidator_sc_invalid_digest.xml")).issues())
                .extracting(CapIssue::code, CapIssue::xpath).containsExactly(tuple("signature.bad-digest",
                        "/alert/ds:Signature[1]/ds:SignedInfo[1]/ds:Reference[1]/ds:DigestValue[1]"));
        assertThat(OPTIONAL.validate(CapCorpus.bytes("invalid/wmo-capvalidator_tg_invalid_signature.xml")).issues())
                .extracting(CapIssue::code).containsExactly("signature.bad-signature");
        assertThat(OPTIONAL.validate(CapCorpus.bytes("invalid/wmo-capvalidator_sc_invalid_certificate.xml"))
                .issues()).extracting(CapIssue::code).containsExactly("signature.bad-certificate");
    }

    @Test
    void wmoAlertsSignedCompactAndPublishedIndentedVerifyWithAWarning() {
        for (String file : List.of("valid/wmo-capvalidator_sc_valid.xml", "valid/wmo-capvalidator_tg_valid.xml",
                "valid/wmo-capvalidator_bf_valid.xml")) {
            CapVerdict verdict = REQUIRED.validate(CapCorpus.bytes(file));

            assertThat(verdict.issues()).as(file).isEmpty();
            assertThat(verdict.signature()).isEqualTo(SignatureStatus.VERIFIED);
            assertThat(verdict.warnings()).extracting(CapIssue::code)
                    .containsExactly("signature.whitespace-normalised");
        }
    }

    @Test
    void anIpawsSignatureVerifiesAsReceived() {
        CapVerdict verdict = REQUIRED.validate(CapCorpus.bytes("valid/oasiscap_ipaws-5e6dd9de023f1930ef6548d9.xml"));

        assertThat(verdict.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void naadsParallelSignaturesBothVerifyAndBothCatchTampering() {
        String naads = CapCorpus.text("valid/tannerryan-cap_PelmorexNAADS_WindWarning.xml");

        CapVerdict genuine = REQUIRED.validate(bytes(naads));
        CapVerdict tampered = REQUIRED.validate(bytes(naads.replaceFirst("<urgency>\\w+</urgency>",
                "<urgency>Past</urgency>")));

        assertThat(genuine.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(genuine.issues()).isEmpty();
        assertThat(tampered.issues()).extracting(CapIssue::code, CapIssue::xpath).containsExactly(
                tuple("signature.bad-digest", "/alert/Signature[1]"),
                tuple("signature.bad-digest", "/alert/Signature[2]"));
    }

    @Test
    void sha1SignaturesAreNotCountedSoTheyFailOnlyWhereASignatureIsRequired() {
        byte[] xml = CapCorpus.bytes("valid/google_canada_signed.cap");

        CapVerdict optional = OPTIONAL.validate(xml);
        CapVerdict required = REQUIRED.validate(xml);

        assertThat(optional.valid()).isTrue();
        assertThat(optional.signature()).isEqualTo(SignatureStatus.UNVERIFIABLE);
        assertThat(optional.warnings()).extracting(CapIssue::message).allMatch(m -> m.contains("rsa-sha1"));
        assertThat(required.issues()).extracting(CapIssue::code, CapIssue::message).containsExactly(tuple(
                "signature.missing", "the message from cap-pac@ec.gc.ca has not been signed with a signature that "
                        + "can be verified (see the warnings), and the signature policy requires a signature from "
                        + "this sender"));
    }

    @Test
    void anEmptySignatureElementIsNotCounted() {
        CapVerdict verdict = OPTIONAL.validate(CapCorpus.bytes("valid/oasiscap_google-PAAQ-4-mg5a94.xml"));

        assertThat(verdict.signature()).isEqualTo(SignatureStatus.UNVERIFIABLE);
        assertThat(verdict.warnings()).extracting(CapIssue::code).contains("signature.unverifiable");
    }

    @Test
    void aSignatureOverSomethingOtherThanTheWholeAlertIsNeverFetchedNorCounted() throws Exception {
        try (ConnectionWitness witness = ConnectionWitness.listen(0)) {
            String signed = string(ecWithCertificate.sign(CapMessage.valid().bytes(), true))
                    .replace("URI=\"\"", "URI=\"http://127.0.0.1:" + witness.port() + "/alert.xml\"");

            CapVerdict verdict = REQUIRED.validate(bytes(signed));

            assertThat(verdict.signature()).isEqualTo(SignatureStatus.UNVERIFIABLE);
            assertThat(verdict.issues()).extracting(CapIssue::code).containsExactly("signature.missing");
            assertThat(witness.connections()).isZero();
        }
    }

    @Test
    void theRequireSignaturePolicyIsPerSenderAndIgnoresCase() {
        byte[] unsigned = CapCorpus.bytes("invalid/wmo-capvalidator_sc_no_signature.xml");
        CapValidator seychellesMustSign = CapValidator.builder()
                .signaturePolicy(SignaturePolicy.requireFrom(List.of("INFO@meteo.gov.sc"))).build();
        CapValidator othersMustSign = CapValidator.builder()
                .signaturePolicy(SignaturePolicy.requireFrom(List.of("cap@example.org"))).build();

        assertThat(seychellesMustSign.validate(unsigned).issues()).extracting(CapIssue::message)
                .containsExactly("the message from info@meteo.gov.sc has not been signed, and the signature policy "
                        + "requires a signature from this sender");
        assertThat(othersMustSign.validate(unsigned).valid()).isTrue();
    }

    @Test
    void aSignedAlertEmbeddedInAnAtomFeedVerifiesAsTheStandaloneMessageItWas() throws Exception {
        String signed = string(ecWithCertificate.sign(CapMessage.valid().bytes(), true)).replaceFirst("<\\?xml[^>]*>",
                "");
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:cap=\"urn:example:unused\"><id>urn:feed"
                + "</id><title>Tocsin</title><updated>2024-03-01T10:00:00+02:00</updated><entry><id>urn:e1</id>"
                + "<title>Air raid</title><updated>2024-03-01T10:00:00+02:00</updated><content type=\"text/xml\">"
                + signed + "</content></entry></feed>";

        CapFeedVerdict verdict = CapFeedValidator.builder().messages(REQUIRED).build().validate(bytes(feed));

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.entries()).singleElement().satisfies(entry -> assertThat(entry.message())
                .hasValueSatisfying(m -> assertThat(m.signature()).isEqualTo(SignatureStatus.VERIFIED)));
    }
}
