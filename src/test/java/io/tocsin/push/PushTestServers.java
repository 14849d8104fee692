package io.tocsin.push;

import io.tocsin.push.webhook.RetrySchedule;
import io.tocsin.server.ServerConfig;
import io.tocsin.server.TocsinServer;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Servers for push tests: a given database file, webhooks allowed to the given addresses, fast retries. */
final class PushTestServers {
    /** Retries after 20 ms doubling to 200 ms: a test sees many attempts in a second, not in an hour. */
    static final RetrySchedule FAST = RetrySchedule.exponential(Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofHours(26));
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private PushTestServers() {
    }

    static TocsinServer server(Path db, Clock clock, List<String> allow, ServerConfig.Mqtt mqtt) {
        ServerConfig c = new ServerConfig("127.0.0.1", 0, "sqlite:" + db, ServerConfig.Limits.DEFAULT, List.of())
                .withConnections(RunningServer.ONE_ADDRESS_CROWD).withPush(new ServerConfig.Push(allow, mqtt));
        return new TocsinServer(c, Regions.catalog(), clock).withWebhookTiming(FAST, TIMEOUT, TIMEOUT);
    }

    static RunningServer start(Path db, List<String> allow) {
        return RunningServer.started(server(db, Clock.systemUTC(), allow, null));
    }

    /** The system clock, shifted by however far a test moves it. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
