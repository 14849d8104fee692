package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.CapCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Each rule of the Google Public Alerts and IPAWS-like profiles fails a message that breaks it, and only that rule
 * fires on a message that is otherwise complete. The base message is valid CAP 1.2 and passes both profiles.
 */
class CapProfileRulesTest {
    static final String BASE = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>T-1</identifier>
              <sender>cap@example.gov.ua</sender>
              <sent>2026-03-01T10:00:00+02:00</sent>
              <status>Actual</status>
              <msgType>Alert</msgType>
              <scope>Public</scope>
              <code>IPAWSv1.0</code>
              <info>
                <language>en</language>
                <category>Security</category>
                <event>Air raid alert</event>
                <responseType>Shelter</responseType>
                <urgency>Immediate</urgency>
                <severity>Extreme</severity>
                <certainty>Observed</certainty>
                <eventCode><valueName>SAME</valueName><value>CDW</value></eventCode>
                <expires>2026-03-01T16:00:00+02:00</expires>
                <senderName>Lviv OVA</senderName>
                <headline>Air raid alert</headline>
                <description>Air raid alert in Lviv oblast.</description>
                <instruction>Go to the nearest shelter.</instruction>
                <web>https://alerts.example.gov.ua/alerts/T-1</web>
                <area>
                  <areaDesc>Lviv oblast</areaDesc>
                  <polygon>49.8,24.0 49.9,24.1 49.8,24.2 49.8,24.0</polygon>
                  <geocode><valueName>SAME</valueName><value>046000</value></geocode>
                </area>
              </info>
            </alert>
            """;

    static CapVerdict check(CapProfile profile, String xml) {
        return CapValidator.builder().versions(EnumSet.of(CapVersion.V1_2)).profile(profile).build()
                .validate(xml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> codes(List<CapIssue> issues) {
        return issues.stream().filter(i -> i.category() == CapIssue.Category.PROFILE).map(CapIssue::code).toList();
    }

    @Test
    void theBaseMessagePassesBothProfilesWithoutFindings() {
        for (CapProfile p : CapProfile.values()) {
            CapVerdict v = check(p, BASE);
            assertThat(v.issues()).as(p.wire()).isEmpty();
            assertThat(v.warnings()).as(p.wire()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            google.scope.not-public          | <scope>Public</scope>                  | <scope>Restricted</scope><restriction>staff</restriction>
            google.references.required       | <msgType>Alert</msgType>               | <msgType>Update</msgType>
            google.event.too-long            | <event>Air raid alert</event>          | <event>Air raid alert for the whole of the region</event>
            google.urgency.unknown           | <urgency>Immediate</urgency>           | <urgency>Unknown</urgency>
            google.severity.unknown          | <severity>Extreme</severity>           | <severity>Unknown</severity>
            google.certainty.unknown         | <certainty>Observed</certainty>        | <certainty>Unknown</certainty>
            google.expires.required          | <expires>2026-03-01T16:00:00+02:00</expires> |
            google.description.required     | <description>Air raid alert in Lviv oblast.</description> |
            google.web.required              | <web>https://alerts.example.gov.ua/alerts/T-1</web> |
            google.web.not-url               | <web>https://alerts.example.gov.ua/alerts/T-1</web> | <web>our alerts page</web>
            google.polygon.precision         | 49.8,24.0 49.9,24.1                    | 49.8000001,24.0 49.9,24.1
            google.polygon.self-intersecting | 49.8,24.0 49.9,24.1 49.8,24.2 49.8,24.0 | 49.8,24.0 49.9,24.2 49.9,24.0 49.8,24.2 49.8,24.0
            """)
    void eachGoogleRuleFailsAMessageThatBreaksIt(String code, String from, String to) {
        String broken = BASE.replace(from, to == null ? "" : to);
        assertThat(broken).isNotEqualTo(BASE);
        assertThat(codes(check(CapProfile.GOOGLE, broken).issues())).contains(code);
        assertThat(codes(check(null, broken).issues())).as("CAP alone does not say it").doesNotContain(code);
    }

    @Test
    void googleNeedsAnInfoAndAnArea() {
        String noArea = BASE.replaceAll("(?s)<area>.*</area>", "");
        assertThat(codes(check(CapProfile.GOOGLE, noArea).issues())).contains("google.area.required");
        String noInfo = BASE.replaceAll("(?s)<info>.*</info>", "");
        assertThat(codes(check(CapProfile.GOOGLE, noInfo).issues())).contains("google.info.required");
    }

    @Test
    void aCancelMaySaySeverityUnknownAsGooglesOwnCancellationExampleDoes() {
        String cancel = BASE.replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
                .replace("<code>IPAWSv1.0</code>", "<code>IPAWSv1.0</code><references>cap@example.gov.ua,T-0,"
                        + "2026-03-01T09:00:00+02:00</references>")
                .replace("<severity>Extreme</severity>", "<severity>Unknown</severity>");
        assertThat(check(CapProfile.GOOGLE, cancel).issues()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            google.status.not-published | <status>Actual</status>   | <status>Exercise</status>
            google.area-desc.long       | <areaDesc>Lviv oblast</areaDesc> | <areaDesc>Lviv oblast, Lviv raion, Lviv city hromada, centre</areaDesc>
            google.circle.zero-radius   | <geocode>                 | <circle>49.8,24.0 0</circle><geocode>
            google.area.non-contiguous  | 49.8,24.2 49.8,24.0</polygon> | 49.8,24.2 49.8,24.0</polygon><polygon>45.0,30.0 45.1,30.1 45.0,30.2 45.0,30.0</polygon>
            """)
    void googlesRecommendationsAreWarnings(String code, String from, String to) {
        CapVerdict v = check(CapProfile.GOOGLE, BASE.replace(from, to));
        assertThat(codes(v.warnings())).contains(code);
        assertThat(v.valid()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ipaws.code.required          | <code>IPAWSv1.0</code> |
            ipaws.event-code.required    | <eventCode><valueName>SAME</valueName><value>CDW</value></eventCode> |
            ipaws.expires.required       | <expires>2026-03-01T16:00:00+02:00</expires> |
            ipaws.geocode.same-required  | <geocode><valueName>SAME</valueName><value>046000</value></geocode> | <geocode><valueName>KATOTTH</valueName><value>UA46000000000026241</value></geocode>
            """)
    void eachIpawsRuleFailsAMessageThatBreaksIt(String code, String from, String to) {
        String broken = BASE.replace(from, to == null ? "" : to);
        assertThat(codes(check(CapProfile.IPAWS_LIKE, broken).issues())).contains(code);
    }

    @Test
    void ipawsNeedsAnArea() {
        String noArea = BASE.replaceAll("(?s)<area>.*</area>", "");
        assertThat(codes(check(CapProfile.IPAWS_LIKE, noArea).issues())).contains("ipaws.area.required");
    }

    @Test
    void theCommandLineChecksTheProfileAndRefusesAnUnknownOne(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.xml"), BASE);
        Path bad = Files.writeString(dir.resolve("bad.xml"), BASE.replace("<web>https://alerts.example.gov.ua/alerts/T-1</web>", ""));
        assertThat(run("validate", "--profile", "google", good.toString())).isZero();
        assertThat(run("validate", "--profile", "google", bad.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("profile /alert/info[1]: <web> is required by Google [google.web.required]");
        assertThat(run("validate", bad.toString())).as("CAP alone accepts it").isZero();
        assertThat(run("validate", "--profile", "bing", good.toString())).isEqualTo(2);
    }

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CapCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
