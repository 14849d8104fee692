package io.tocsin.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.region.RegionCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server listens without waiting for the region boundaries (they are only for point lookups), then reads them
 * by itself; /health answers meanwhile and a point lookup gets the right region whenever it comes.
 */
class StartBeforeBoundariesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServerListensFirstThenLoadsTheBoundariesAndPointLookupsAreRight(@TempDir Path dir) throws Exception {
        RegionCatalog regions = RegionCatalog.load();
        assertThat(regions.locator().loaded()).isFalse();
        try (TocsinServer server = new TocsinServer(new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db")),
                regions, Clock.systemUTC()).start()) {
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(health.body()).get("status").asText()).isEqualTo("up");

            // Lviv: its hromada, whether the boundaries were there already or the lookup waited for them.
            JsonNode point = Json.MAPPER.readTree(get(server, "/api/v1/status?lat=49.84&lon=24.03").body());
            assertThat(point.get("chain").get(0).get("code").asText()).isEqualTo("UA46060250000025047");
        }
    }

    @Test
    void theServerReadsTheBoundariesOnItsOwnOnceItListens(@TempDir Path dir) {
        RegionCatalog regions = RegionCatalog.load();
        try (TocsinServer server = new TocsinServer(new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db")),
                regions, Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(regions.locator()::loaded);
        }
    }

    private HttpResponse<String> get(TocsinServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
