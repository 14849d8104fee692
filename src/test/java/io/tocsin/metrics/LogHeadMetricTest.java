package io.tocsin.metrics;

import io.tocsin.domain.Role;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.tocsin.support.PostgresSchema;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log head is read from the database at scrape time, but a database that does not answer never holds the scrape:
 * the gauge is NaN and every other metric is still there. PostgreSQL makes a real hang: a table lock held by another
 * session blocks the head's read until it is released. Requires the local PostgreSQL; fails without it.
 */
class LogHeadMetricTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema("tocsin_head");

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Exposition scrape(TocsinServer server) throws Exception {
        // Far longer than the head's one-second wait, far shorter than the lock is held: a scrape that waited for the
        // database would time out here.
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        return new Exposition(res.body());
    }

    @Test
    void aDatabaseThatDoesNotAnswerMakesTheHeadUnknownWithoutHoldingTheScrape() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, pg.url(), ServerConfig.Limits.DEFAULT, List.of(),
                new ServerConfig.Checkpoints(dir.resolve("checkpoint-key"), null, 100, false));
        try (TocsinServer server = new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start()) {
            String admin = server.tokens().create(Role.ADMIN, List.of(), "test admin", null).bearer();
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            long seq = server.desk().board().lastSeq();
            assertThat(scrape(server).value("tocsin_log_head_seq")).hasValue(seq);

            try (Connection lock = DriverManager.getConnection(PostgresSchema.SERVER)) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE " + pg.name() + ".events IN ACCESS EXCLUSIVE MODE");
                for (int i = 0; i < 2; i++) { // the second finds the first read still stuck and starts no other
                    Exposition m = scrape(server);
                    assertThat(m.value("tocsin_log_head_seq").orElseThrow()).isNaN();
                    assertThat(m.value("tocsin_board_seq")).hasValue(seq);
                    assertThat(m.help()).containsKey("jvm_memory_used_bytes");
                }
                lock.commit();
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> scrape(server).value("tocsin_log_head_seq").orElse(Double.NaN) == seq);
        }
    }
}
