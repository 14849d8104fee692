package io.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.support.RunningServer;

import static io.tocsin.support.Responses.json;

/** Ends every active alert, of any status, so each console test starts on a calm board. */
final class ConsoleAlerts {
    private ConsoleAlerts() {
    }

    static void endAll(RunningServer s) {
        for (JsonNode a : json(s.get("/api/v1/alerts/active?status=all")).get("alerts")) {
            s.post("/api/v1/alerts/" + a.get("id").asText() + "/end", s.admin, "{\"reason\":\"all_clear\"}");
        }
    }
}
