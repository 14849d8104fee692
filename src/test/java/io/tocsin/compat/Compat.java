package io.tocsin.compat;

import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.locations.LocationTableLoader;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests as the compatibility APIs' clients send them, and the regions their ids name. */
final class Compat {
    static final String AIU = "/compat/alerts-in-ua";
    static final String UA = "/compat/ukrainealarm/api/v3";
    /** The date format of alerts.in.ua's alert times, which its official client parses with %Y-%m-%dT%H:%M:%S.%fZ. */
    static final String AIU_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    static final String ENVELOPE_TIME = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000";
    static final String RFC_1123 = "[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT";

    private static LocationTable table;

    private Compat() {
    }

    static synchronized LocationTable table() {
        if (table == null) {
            table = LocationTableLoader.load(Regions.catalog().tree());
        }
        return table;
    }

    /** The Tocsin region code an alerts.in.ua uid / ukrainealarm id names. */
    static String region(int uid) {
        return table().byUid(uid).orElseThrow().region();
    }

    static HttpResponse<String> bearer(RunningServer s, String path, String token) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    static HttpResponse<String> bearerSince(RunningServer s, String path, String token, String since) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token)
                .header("If-Modified-Since", since).GET().build());
    }

    static HttpResponse<String> raw(RunningServer s, String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).GET();
        if (key != null) {
            b.header("Authorization", key);
        }
        return s.send(b.build());
    }

    static String issue(RunningServer s, String body) {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("alert").get("id").asText();
    }

    static String air(String region, String subtype) {
        return "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\",\"subtype\":\"" + subtype + "\"}";
    }

    static void end(RunningServer s, String id) {
        HttpResponse<String> r = s.post("/api/v1/alerts/" + id + "/end", s.admin, "{\"reason\":\"all_clear\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
