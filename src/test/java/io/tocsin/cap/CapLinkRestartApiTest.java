package io.tocsin.cap;

import static io.tocsin.support.Responses.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CapLinkRestartApiTest {

    @Test
    void anImportedAlertCanStillBeCancelledByCapAfterTheImporterRestarts(@TempDir Path dir) {
        try (RunningServer origin = RunningServer.start()) {
            String id = CapHttp.issue(origin, origin.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}");
            String alertXml = new String(CapHttp.export(origin, id), StandardCharsets.UTF_8);
            String copy;
            Path file = dir.resolve("importer.db");
            try (RunningServer importer = RunningServer.onFile(file)) {
                HttpResponse<String> r = CapHttp.post(importer, importer.admin, alertXml);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                copy = json(r).get("alert").get("id").asText();
            }
            assertThat(origin.post("/api/v1/alerts/" + id + "/end", origin.admin, "{\"reason\":\"false_alarm\"}")
                    .statusCode()).isEqualTo(200);
            String cancelXml = new String(CapHttp.export(origin, id), StandardCharsets.UTF_8);
            assertThat(cancelXml).contains("<msgType>Cancel</msgType>");
            try (RunningServer restarted = RunningServer.onFile(file)) {
                HttpResponse<String> r = CapHttp.post(restarted, restarted.admin, cancelXml);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode ended = json(restarted.get("/api/v1/alerts/" + copy));
                assertThat(ended.get("end_reason").asText()).isEqualTo("false_alarm");
            }
        }
    }
}
