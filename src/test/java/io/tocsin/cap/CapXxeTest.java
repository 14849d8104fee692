package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.CapCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The XXE samples are refused, and nothing is read from the network or the file system while refusing them: a local
 * listener on the port the entities name must see no connection, and a file entity's content appears in no output.
 */
class CapXxeTest {
    private static final String XXE_MESSAGE = "invalid/google_xee.cap";
    private static final String XXE_FEED = "feeds/invalid/google_xee.atom";

    @TempDir
    Path dir;

    /** Everything a caller could see: verdicts of every entry point, strict and lenient, and the CLI's output. */
    private List<String> everyOutput(Path file) throws IOException {
        byte[] xml = Files.readAllBytes(file);
        CapValidator lenient = CapValidator.builder().lenient(true).signaturePolicy(SignaturePolicy.requireAll())
                .build();
        List<CapReport> reports = List.of(CapValidator.strict().validate(xml), lenient.validate(xml),
                CapValidator.strict().validate(file), CapFeedValidator.standard().validate(xml),
                CapFeedValidator.builder().messages(lenient).resolver(link -> {
                    throw new AssertionError("no link may be resolved: " + link);
                }).build().validate(xml),
                new CapInspector(CapValidator.strict(), CapFeedValidator.standard()).inspect(file));
        List<String> out = new ArrayList<>();
        for (CapReport report : reports) {
            assertThat(report.valid()).as("%s accepted by an entry point", file).isFalse();
            report.issues().forEach(issue -> out.add(issue.toString()));
            report.warnings().forEach(issue -> out.add(issue.toString()));
        }
        StringWriter cli = new StringWriter();
        CommandLine command = new CommandLine(new CapCommand());
        command.setOut(new PrintWriter(cli));
        command.setErr(new PrintWriter(cli));
        assertThat(command.execute("validate", "--lenient", file.toString())).isEqualTo(1);
        out.add(cli.toString());
        return out;
    }

    private Path copyPointingAt(String corpusFile, int port) throws IOException {
        String text = CapCorpus.text(corpusFile).replace("localhost:8080", "127.0.0.1:" + port)
                .replace("googleusercontent.com", "127.0.0.1:" + port);
        Path copy = dir.resolve(Path.of(corpusFile).getFileName());
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return copy;
    }

    @Test
    void bothXxeSamplesAreRefusedAsSecurityIssues() {
        for (String file : List.of(XXE_MESSAGE, XXE_FEED)) {
            CapReport report = new CapInspector(CapValidator.strict(), CapFeedValidator.standard())
                    .inspect(CapCorpus.bytes(file));

            assertThat(report.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.category()).isEqualTo(CapIssue.Category.SECURITY);
                assertThat(issue.code()).isEqualTo("security.doctype");
            });
        }
    }

    @Test
    void theXxeMessageAsShippedOpensNoConnectionToThePortItNames() throws Exception {
        ConnectionWitness witness;
        try {
            witness = ConnectionWitness.listen(8080);
        } catch (BindException taken) {
            Assumptions.abort("port 8080 is taken; the rewritten-copy test covers this case");
            return;
        }
        try (witness) {
            everyOutput(CapCorpus.path(XXE_MESSAGE));
            everyOutput(CapCorpus.path(XXE_FEED));

            assertThat(witness.connections()).isZero();
            new Socket("localhost", 8080).close();
            assertThat(witness.connections()).as("the witness hears a real connection").isEqualTo(1);
        }
    }

    @Test
    void copiesOfTheXxeSamplesPointingAtALiveListenerOpenNoConnection() throws Exception {
        try (ConnectionWitness witness = ConnectionWitness.listen(0)) {
            Path message = copyPointingAt(XXE_MESSAGE, witness.port());
            Path feed = copyPointingAt(XXE_FEED, witness.port());
            assertThat(Files.readString(message)).contains("http://127.0.0.1:" + witness.port() + "/payload3");

            everyOutput(message);
            everyOutput(feed);

            assertThat(witness.connections()).isZero();
            new Socket("127.0.0.1", witness.port()).close();
            assertThat(witness.connections()).as("the witness hears a real connection").isEqualTo(1);
        }
    }

    @Test
    void withoutTheirDoctypeTheSamplesStillReachNothingThroughXIncludeSchemaLocationOrStylesheet() throws Exception {
        try (ConnectionWitness witness = ConnectionWitness.listen(0)) {
            Path message = copyPointingAt(XXE_MESSAGE, witness.port());
            String text = Files.readString(message).replaceFirst("(?s)<!DOCTYPE.*?\\]>", "").replace("&xxe;", "")
                    .replace("http://http://", "http://");
            Files.writeString(message, text);
            assertThat(text).doesNotContain("<!DOCTYPE").contains("xi:include").contains("schemaLocation");

            List<String> outputs = everyOutput(message);

            assertThat(witness.connections()).isZero();
            assertThat(CapValidator.strict().validate(Files.readAllBytes(message)).issues())
                    .extracting(CapIssue::category).contains(CapIssue.Category.SCHEMA)
                    .doesNotContain(CapIssue.Category.SECURITY);
            assertThat(outputs).isNotEmpty();
        }
    }

    @Test
    void aFileEntitysContentNeverAppearsInAnyOutput() throws Exception {
        String secret = "TOCSIN-SECRET-" + UUID.randomUUID();
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
        String alert = CapMessage.valid().headline("&xxe;").xml().replaceFirst("<\\?xml[^>]*>\\n",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>\n");
        Path file = Files.writeString(dir.resolve("file-entity.xml"), alert);

        List<String> outputs = everyOutput(file);

        assertThat(outputs).isNotEmpty().noneMatch(output -> output.contains(secret));
        assertThat(CapValidator.strict().validate(file).issues()).extracting(CapIssue::code)
                .containsExactly("security.doctype");
    }

    @Test
    void anXIncludeOfALocalFileIsNeverExpanded() throws Exception {
        String secret = "TOCSIN-SECRET-" + UUID.randomUUID();
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
        String alert = CapMessage.valid().headline("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + secretFile.toUri() + "\" parse=\"text\"/>").xml();
        Path file = Files.writeString(dir.resolve("xinclude.xml"), alert);

        List<String> outputs = everyOutput(file);

        assertThat(outputs).noneMatch(output -> output.contains(secret));
    }

    @Test
    void anEntityExpansionBombIsRefusedBeforeAnyExpansion() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&l9;</alert>");

        long start = System.nanoTime();
        CapVerdict verdict = CapValidator.strict().validate(bomb.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.issues()).extracting(CapIssue::code).containsExactly("security.doctype");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
