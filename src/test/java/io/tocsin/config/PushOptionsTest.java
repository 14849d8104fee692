package io.tocsin.config;

import io.tocsin.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push options from flags and the environment into the server's configuration, and their refusals. */
class PushOptionsTest {

    @Test
    void theWebhookAllowListAndTheBrokerComeFromFlagsAndEnvironment() {
        ServerConfig c = ServerConfig.from(Resolver.resolve(Map.of("--webhook-allow", "127.0.0.1, 10.20.0.0/16"),
                Map.of("TOCSIN_MQTT", "ssl://broker.example.org:8883", "TOCSIN_MQTT_USERNAME", "tocsin",
                        "TOCSIN_MQTT_PASSWORD", "pw", "TOCSIN_MQTT_REGIONS", "UA-46,UA-32"), Map.of()));
        assertThat(c.push().webhookAllow()).containsExactly("127.0.0.1", "10.20.0.0/16");
        assertThat(c.push().mqtt().url()).isEqualTo("ssl://broker.example.org:8883");
        assertThat(c.push().mqtt().username()).isEqualTo("tocsin");
        assertThat(c.push().mqtt().discoveryPrefix()).isEqualTo("homeassistant");
        assertThat(c.push().mqtt().regions()).containsExactly("UA-46", "UA-32");
        assertThat(ServerConfig.from(Resolver.resolve(Map.of(), Map.of(), Map.of())).push().mqtt())
                .as("off by default").isNull();
    }

    @Test
    void aBrokerThatIsNotTcpOrSslAndAnAllowEntryThatIsANameAreRefused() {
        assertThatThrownBy(() -> Resolver.resolve(Map.of("--mqtt", "http://127.0.0.1:1883"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tcp://HOST:PORT");
        assertThatThrownBy(() -> new ServerConfig.Push(List.of("intranet.local"), null))
                .hasMessageContaining("not names").hasMessageContaining("TOCSIN_WEBHOOK_ALLOW");
        assertThatThrownBy(() -> new ServerConfig.Mqtt("tcp://127.0.0.1:1883", null, "pw", "homeassistant",
                List.of())).hasMessageContaining("mqtt_password needs mqtt_username");
    }
}
