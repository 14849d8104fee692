package io.tocsin.support;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscriber for MQTT tests: keeps every message it got, and the latest per topic. */
public final class MqttWatcher implements AutoCloseable {
    /** One message as received, with the nanoTime it arrived. */
    public record Got(String topic, String payload, boolean retained, long arrivedNanos) {
    }

    private final MqttClient client;
    private final List<Got> all = new CopyOnWriteArrayList<>();
    private final Map<String, Got> latest = new ConcurrentHashMap<>();

    public MqttWatcher(String url, String... filters) {
        try {
            client = new MqttClient(url, "watcher-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            client.connect(o);
            for (String f : filters) {
                client.subscribe(f, 1, (topic, m) -> {
                    Got g = new Got(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(),
                            System.nanoTime());
                    all.add(g);
                    latest.put(topic, g);
                });
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot watch " + url + ": " + e.getMessage(), e);
        }
    }

    public Optional<Got> latest(String topic) {
        return Optional.ofNullable(latest.get(topic));
    }

    public List<Got> all() {
        return List.copyOf(all);
    }

    public void publish(String topic, String payload, boolean retained) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect(1000);
            client.close();
        } catch (MqttException ignored) {
            // gone
        }
    }
}
