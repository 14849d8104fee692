package io.tocsin.cap;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported message's origin survives a round trip through export: its sender, identifier and sent are cited
 * (parameter TOCSIN_ORIGIN) in every message exported from the alert, its description, web and contact are carried,
 * its category, urgency and certainty kept as received — also after a restart, and for the Update that follows.
 */
class CapOriginApiTest {
    static final String LVIV = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>UA46-OVA-2026-0001</identifier>
              <sender>cap@lviv-ova.example.gov.ua</sender>
              <sent>2026-03-01T10:00:00+02:00</sent>
              <status>Actual</status>
              <msgType>Alert</msgType>
              <scope>Public</scope>
              <info>
                <language>uk</language>
                <category>Safety</category>
                <event>Повітряна тривога</event>
                <urgency>Immediate</urgency>
                <severity>Severe</severity>
                <certainty>Likely</certainty>
                <senderName>Львівська ОВА</senderName>
                <headline>Повітряна тривога у Львівській області</headline>
                <description>Загроза з повітря для всієї області.</description>
                <web>https://lviv-ova.example.gov.ua/alerts/0001</web>
                <contact>+380 32 111 11 11</contact>
                <area>
                  <areaDesc>Львівська область</areaDesc>
                  <geocode><valueName>ISO3166-2</valueName><value>UA-46</value></geocode>
                </area>
              </info>
            </alert>
            """;
    static final String CITED = "<valueName>TOCSIN_ORIGIN</valueName>\n      <value>cap@lviv-ova.example.gov.ua,"
            + "UA46-OVA-2026-0001,2026-03-01T10:00:00+02:00</value>";

    @Test
    void anImportedMessagesOriginSurvivesARoundTripThroughExport(@TempDir Path dir) {
        Path db = dir.resolve("t.db");
        String id;
        try (RunningServer s = RunningServer.onFile(db)) {
            var r = CapHttp.post(s, s.admin, LVIV);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            id = json(r).get("alert").get("id").asText();
            String out = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(out).contains(CITED, "<category>Safety</category>", "<certainty>Likely</certainty>",
                    "<urgency>Immediate</urgency>", "<senderName>Львівська ОВА</senderName>",
                    "<description>Загроза з повітря для всієї області.</description>",
                    "<web>https://lviv-ova.example.gov.ua/alerts/0001</web>", "<contact>+380 32 111 11 11</contact>");
            assertThat(CapExportProfileApiTest.GOOGLE.validate(out.getBytes(StandardCharsets.UTF_8)).issues())
                    .isEmpty();
        }
        try (RunningServer s = RunningServer.onFile(db)) {
            String out = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(out).as("after a restart").contains(CITED, "<certainty>Likely</certainty>");
            String update = LVIV.replace("<identifier>UA46-OVA-2026-0001</identifier>",
                            "<identifier>UA46-OVA-2026-0002</identifier>")
                    .replace("<msgType>Alert</msgType>", "<msgType>Update</msgType>")
                    .replace("<scope>Public</scope>", "<scope>Public</scope><references>"
                            + "cap@lviv-ova.example.gov.ua,UA46-OVA-2026-0001,2026-03-01T10:00:00+02:00</references>")
                    .replace("<sent>2026-03-01T10:00:00+02:00</sent>", "<sent>2026-03-01T10:05:00+02:00</sent>")
                    .replace("<certainty>Likely</certainty>", "<certainty>Observed</certainty>");
            assertThat(CapHttp.post(s, s.admin, update).statusCode()).isEqualTo(200);
            String updated = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(updated).contains(CITED, "UA46-OVA-2026-0002,2026-03-01T10:05:00+02:00",
                    "<certainty>Observed</certainty>");
            // A local operator's own change speaks for itself: it still cites the origin, in Tocsin's own words.
            s.patch("/api/v1/alerts/" + id, s.admin, "{\"stage\":\"pre_alert\"}");
            String local = new String(CapHttp.export(s, id), StandardCharsets.UTF_8);
            assertThat(local).contains(CITED).doesNotContain("<certainty>Observed</certainty>")
                    .contains("<web>" + s.server.url() + "/alerts/" + id + "</web>");
        }
    }
}
