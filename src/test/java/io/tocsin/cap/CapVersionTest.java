package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * CAP 1.0 and 1.1 are accepted, each against its own OASIS schema plus the same semantic rules; a validator can be
 * narrowed to chosen versions, and anything else is refused as a version matter.
 */
class CapVersionTest {
    private static final CapValidator ALL = CapValidator.strict();

    @Test
    void theOasisExamplesOfEveryVersionAreValid() {
        for (String version : new String[] {"0", "1", "2"}) {
            for (int example = 1; example <= 4; example++) {
                CapVerdict verdict = ALL.validate(CapCorpus.bytes("valid/oasiscap_v1dot" + version + "_appendix_adot"
                        + example + ".xml"));

                assertThat(verdict.issues()).isEmpty();
                assertThat(verdict.version()).map(CapVersion::label).contains("1." + version);
            }
        }
    }

    @Test
    void eachVersionIsValidatedAgainstItsOwnSchema() {
        // <responseType> arrived in CAP 1.1: a CAP 1.0 alert may not carry it.
        String cap10 = CapCorpus.text("valid/oasiscap_v1dot0_appendix_adot1.xml").replace("<event>",
                "<responseType>Shelter</responseType><event>");

        CapVerdict verdict = ALL.validate(cap10.getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code).contains(
                tuple(CapIssue.Category.SCHEMA, "schema.cvc-complex-type.2.4.a"),
                tuple(CapIssue.Category.SEMANTIC, "element.unknown"));
    }

    @Test
    void aValidatorNarrowedToCap12RefusesOlderVersionsAsAVersionMatter() {
        CapValidator only12 = CapValidator.builder().versions(EnumSet.of(CapVersion.V1_2)).build();

        CapVerdict verdict = only12.validate(CapCorpus.bytes("valid/oasiscap_v1dot1_appendix_adot1.xml"));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::message).contains(tuple(
                CapIssue.Category.NOT_CAP, "not-cap.version", "CAP 1.1 is not accepted by this validator (accepted: "
                        + "1.2)"));
        assertThat(only12.validate(CapCorpus.bytes("valid/oasiscap_v1dot2_appendix_adot1.xml")).valid()).isTrue();
    }

    @Test
    void anUnknownCapVersionIsRefusedByName() {
        String cap13 = CapMessage.valid().xml().replace("cap:1.2", "cap:1.3");

        CapVerdict verdict = ALL.validate(cap13.getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.issues()).extracting(CapIssue::code, CapIssue::message).contains(tuple("not-cap.version",
                "CAP version 1.3 is not supported (supported: 1.0, 1.1, 1.2)"));
    }

    @Test
    void aCap11ElementInsideACap12AlertIsRefused() {
        String mixed = CapMessage.valid().afterScope("<note xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\">x</note>")
                .xml();

        CapVerdict verdict = ALL.validate(mixed.getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.issues()).extracting(CapIssue::code, CapIssue::xpath)
                .contains(tuple("element.mixed-version", "/alert/note[1]"));
    }

    @Test
    void cap10ReferencesArePlainIdentifiers() {
        String cap10 = CapCorpus.text("valid/oasiscap_v1dot0_appendix_adot1.xml").replace("<info>",
                "<references>43b080713726 43b080713725</references><info>");

        assertThat(ALL.validate(cap10.getBytes(StandardCharsets.UTF_8)).issues()).isEmpty();
    }

    @Test
    void aRootThatIsNotACapAlertGetsBothNotCapAndSchemaIssues() {
        CapVerdict foo = ALL.validate(CapCorpus.bytes("invalid/google-derived_invalid_not_cap_root_foo.xml"));

        assertThat(foo.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath).containsExactly(
                tuple(CapIssue.Category.NOT_CAP, "not-cap.root", "/foo"),
                tuple(CapIssue.Category.SCHEMA, "schema.cvc-elt.1", "/foo"));
        assertThat(foo.version()).isEmpty();
        assertThat(foo.signature()).isEqualTo(SignatureStatus.NOT_CHECKED);
    }
}
