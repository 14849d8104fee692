package io.tocsin.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.support.Regions;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server on PostgreSQL (the engine for scale-out): alerts issued and streamed, and the board rebuilt from
 * the log by a second server on the same database. Requires the local PostgreSQL; fails without it.
 */
class PostgresServerTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.tocsin.support.PostgresSchema pg = new io.tocsin.support.PostgresSchema("tocsin_srv");

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    TocsinServer start() {
        // On PostgreSQL the checkpoint key must be named: both servers are the same node, with one key.
        return new TocsinServer(new ServerConfig("127.0.0.1", 0, pg.url(),
                ServerConfig.Limits.DEFAULT, List.of(),
                new ServerConfig.Checkpoints(dir.resolve("checkpoint-key"), null, 100, false)), Regions.catalog(),
                Clock.systemUTC()).start();
    }

    @Test
    void alertsIssuedOnPostgresAreStreamedAndASecondServerRebuildsTheBoardFromTheLog() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String id;
        try (TocsinServer first = start()) {
            String token = first.tokens().create(Role.OPERATOR, List.of("UA-63"), "Kharkiv duty officer", null).bearer();
            try (SseClient sub = SseClient.open(http, URI.create(first.url() + "/api/v1/stream?regions=UA-63"), null)) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(first.url() + "/api/v1/alerts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-63\"],\"threat\":\"air_raid\","
                                + "\"subtype\":\"ballistic_missile\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                id = Json.MAPPER.readTree(r.body()).get("alert").get("id").asText();
                assertThat(sub.next(Duration.ofSeconds(5)).alertId()).isEqualTo(id);
            }
        }
        try (TocsinServer second = start()) {
            JsonNode active = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(second.url() + "/api/v1/alerts/active")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(active.get("alerts").findValuesAsText("id")).containsExactly(id);
            assertThat(second.desk().log().verify().intact()).isTrue();
        }
    }
}
