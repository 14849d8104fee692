package io.tocsin.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.tocsin.support.Regions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node refuses before it starts: a cluster on SQLite, a NATS URL that is not one. */
class ClusterOptionsTest {
    @Test
    void aClusterOnAnSqliteFileIsRefusedAtStartNamingBothOptions(@TempDir Path dir) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, "sqlite:" + dir.resolve("t.db"))
                .withCluster(new ServerConfig.Cluster("nats://127.0.0.1:4222", Duration.ofSeconds(10)));
        assertThatThrownBy(() -> new TocsinServer(config, Regions.catalog(), Clock.systemUTC()).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOCSIN_CLUSTER").hasMessageContaining("TOCSIN_DB");
    }

    @Test
    void aClusterUrlThatIsNotNatsIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> new ServerConfig.Cluster("http://127.0.0.1:4222", Duration.ofSeconds(10)))
                .hasMessageContaining("nats://HOST:PORT");
    }
}
