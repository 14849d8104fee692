package io.tocsin.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.json.Json;
import io.tocsin.server.ServerConfig;
import io.tocsin.support.Mosquitto;
import io.tocsin.support.MqttWatcher;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT bridge against a real Mosquitto of the test's own: retained state and Home Assistant discovery a fresh
 * subscriber finds by itself, the state following the all-clear, every event on tocsin/events in order, the configs
 * again when Home Assistant comes online, and a broker restart (which forgets everything) losing nothing.
 */
class MqttBridgeTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String LVIV = "tocsin/regions/UA-46/state";
    static final String LVIV_CONFIG = "homeassistant/binary_sensor/tocsin_UA-46/alert/config";
    static final String KYIV = "tocsin/regions/UA-32/state";

    @TempDir
    Path dir;

    @Test
    void aFreshSubscriberSeesTheRetainedStateAndDiscoveryAndABrokerRestartLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            RunningServer s = RunningServer.started(PushTestServers.server(dir.resolve("t.db"), Clock.systemUTC(),
                    List.of(), ServerConfig.Mqtt.at(broker.url())));
            try (MqttWatcher events = new MqttWatcher(broker.url(), "tocsin/events")) {
                await().atMost(WAIT).until(() -> s.server.mqtt().connected());
                var issued = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-46\"],\"threat\":\"air_raid\","
                        + "\"subtype\":\"drones\"}");
                assertThat(issued.statusCode()).isEqualTo(201);
                String alert = json(issued).get("alert").get("id").asText();

                JsonNode state = retained(broker, LVIV, n -> n.get("under_alert").asBoolean());
                assertThat(state.get("threats").get(0).asText()).isEqualTo("air_raid:drones");
                assertThat(state.get("stage").asText()).isEqualTo("alert");
                assertThat(state.get("since").asText()).isNotEmpty();
                JsonNode config = retained(broker, LVIV_CONFIG, n -> true);
                assertThat(config.get("device_class").asText()).isEqualTo("safety");
                assertThat(config.get("unique_id").asText()).isEqualTo("tocsin_UA-46_alert");
                assertThat(config.get("state_topic").asText()).isEqualTo(LVIV);
                assertThat(config.get("availability_topic").asText()).isEqualTo("tocsin/status");
                assertThat(config.get("device").get("identifiers").get(0).asText()).isEqualTo("tocsin_UA-46");
                try (MqttWatcher w = new MqttWatcher(broker.url(), "tocsin/status", "tocsin/iot/oblasts")) {
                    await().atMost(WAIT).until(() -> w.latest("tocsin/iot/oblasts").isPresent()
                            && w.latest("tocsin/status").isPresent());
                    assertThat(w.latest("tocsin/status").orElseThrow().payload()).isEqualTo("online");
                    String iot = w.latest("tocsin/iot/oblasts").orElseThrow().payload();
                    assertThat(iot).hasSize(27);
                    assertThat(iot.charAt(13)).as("Lviv is position 13 of the alerts.in.ua order").isEqualTo('A');
                }
                // The configured default is the 27 oblast-level units: quiet ones have a state too.
                assertThat(retained(broker, KYIV, n -> true).get("under_alert").asBoolean()).isFalse();

                var ended = s.post("/api/v1/alerts/" + alert + "/end", s.admin, "{\"reason\":\"all_clear\"}");
                assertThat(ended.statusCode()).isEqualTo(200);
                assertThat(retained(broker, LVIV, n -> !n.get("under_alert").asBoolean()).get("threats")).isEmpty();
                await().atMost(WAIT).until(() -> events.all().size() >= 2);
                assertThat(events.all()).extracting(g -> Json.MAPPER.readTree(g.payload()).get("type").asText())
                        .containsExactly("alert.issued", "alert.ended");

                // Home Assistant restarted: it says online, and gets the configs again.
                try (MqttWatcher ha = new MqttWatcher(broker.url(), "homeassistant/binary_sensor/+/alert/config")) {
                    await().atMost(WAIT).until(() -> ha.all().size() >= 27);
                    int before = ha.all().size();
                    ha.publish("homeassistant/status", "online", false);
                    await().atMost(WAIT).until(() -> ha.all().size() >= before + 27);
                }

                // The broker restarts and forgets every retained message; an alert is issued meanwhile.
                broker.stop();
                await().atMost(WAIT).until(() -> !s.server.mqtt().connected());
                var kyiv = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-32\"],\"threat\":\"artillery\"}");
                assertThat(kyiv.statusCode()).as("the broker is not in the way of an alert").isEqualTo(201);
                broker.restart();
                await().atMost(WAIT).until(() -> s.server.mqtt().connected());
                JsonNode k = retained(broker, KYIV, n -> n.get("under_alert").asBoolean());
                assertThat(k.get("threats").get(0).asText()).isEqualTo("artillery");
                assertThat(retained(broker, LVIV, n -> true).get("under_alert").asBoolean())
                        .as("republished after the restart").isFalse();
                assertThat(retained(broker, LVIV_CONFIG, n -> true).get("device_class").asText()).isEqualTo("safety");
                await().atMost(WAIT).until(() -> s.server.mqtt().cursor() == s.server.desk().log().lastSeq());
            } finally {
                s.server.stop();
            }
            // A clean stop says offline (the last will says the same after a crash).
            try (MqttWatcher w = new MqttWatcher(broker.url(), "tocsin/status")) {
                await().atMost(WAIT).until(() -> w.latest("tocsin/status").isPresent());
                assertThat(w.latest("tocsin/status").orElseThrow().payload()).isEqualTo("offline");
            }
        }
    }

    /** The retained message a fresh subscriber gets on {@code topic}, once it satisfies {@code until}. */
    static JsonNode retained(Mosquitto broker, String topic, Predicate<JsonNode> until) {
        JsonNode[] out = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            try (MqttWatcher w = new MqttWatcher(broker.url(), topic)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (w.latest(topic).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                var got = w.latest(topic);
                if (got.isEmpty() || !got.get().retained()) {
                    return false;
                }
                out[0] = Json.MAPPER.readTree(got.get().payload());
                return until.test(out[0]);
            }
        });
        return out[0];
    }
}
