package io.tocsin.bench;

import io.tocsin.bench.fanout.Target;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --compare and --tocsin specs read as documented, and load tests cannot leave 127.0.0.0/8. */
class FanoutTargetTest {
    @Test
    void aPeerSpecNamesItsSubscribeAndPublishUrlsAndMayPickItsTransport() {
        Target nchan = Target.parsePeer("nchan=http://127.0.0.1:8090/sub/alerts,http://127.0.0.1:8090/pub/alerts",
                Target.Transport.WS);
        assertThat(nchan.label()).isEqualTo("nchan/ws");
        assertThat(nchan.subscribe()).isEqualTo(URI.create("http://127.0.0.1:8090/sub/alerts"));
        assertThat(nchan.publish()).isEqualTo(URI.create("http://127.0.0.1:8090/pub/alerts"));

        Target floor = Target.parsePeer("floor@sse=http://127.0.0.1:8099/", Target.Transport.WS);
        assertThat(floor.label()).isEqualTo("floor/sse");
        assertThat(floor.publish()).isEqualTo(floor.subscribe());
        assertThat(floor.tocsin()).isFalse();
    }

    @Test
    void tocsinTargetsUseTheStreamAndAlertEndpoints() {
        Target sse = Target.tocsin("tocsin", URI.create("http://127.0.0.1:8080/"), "t", Target.Transport.SSE,
                "regions=UA-32");
        assertThat(sse.subscribe()).isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/stream?regions=UA-32"));
        assertThat(sse.publish()).isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/alerts"));
        Target ws = Target.tocsin("tocsin", URI.create("http://127.0.0.9:8080"), "t", Target.Transport.WS, null);
        assertThat(ws.subscribe()).isEqualTo(URI.create("http://127.0.0.9:8080/api/v1/ws"));
    }

    @Test
    void loadTestsStayOnLoopback() {
        assertThatThrownBy(() -> Target.parsePeer("x=http://10.0.0.1:8090/sub", Target.Transport.SSE))
                .hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> Target.parsePeer("x=http://127.0.0.1:8090/sub,http://example.org/pub",
                Target.Transport.SSE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Target.parsePeer("nonsense", Target.Transport.SSE))
                .hasMessageContaining("NAME[@sse|@ws]=SUB_URL[,PUB_URL]");
    }
}
