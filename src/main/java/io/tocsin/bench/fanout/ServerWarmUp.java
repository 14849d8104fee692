package io.tocsin.bench.fanout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Issues and ends alerts on a fresh server before measuring, so the JIT has compiled the issue path (HTTP,
 * authentication, validation, the durable append, the hub) as it would have on a server in service. Without it
 * the first rounds measure the interpreter, not the design.
 */
public final class ServerWarmUp {
    private ServerWarmUp() {
    }

    public static void run(URI base, String token, int alerts) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < alerts; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"regions\":[\"UA-05\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("warm-up issue failed: " + r.statusCode() + " " + r.body());
            }
            String id = r.body().replaceFirst("(?s).*\"alert\":\\{\"id\":\"([^\"]+)\".*", "$1");
            http.send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts/" + id + "/end"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
