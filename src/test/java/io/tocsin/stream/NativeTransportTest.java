package io.tocsin.stream;

import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's one-system-call writes need the epoll transport; the build ships its Linux x86-64 library, so on
 * that platform the server must be on it (elsewhere it falls back to NIO and writes through Netty).
 */
class NativeTransportTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void onLinuxX8664TheServerRunsOnEpoll() {
        try (RunningServer s = RunningServer.start()) {
            assertThat(s.server.vertx().isNativeTransportEnabled())
                    .as("native transport, unavailable because: %s", s.server.vertx().unavailableNativeTransportCause())
                    .isTrue();
        }
    }
}
