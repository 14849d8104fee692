package io.tocsin.push.mqtt;

import io.tocsin.app.EventSink;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.push.CursorStore;
import io.tocsin.push.Entry;
import io.tocsin.push.Message;
import io.tocsin.push.Tail;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The MQTT bridge: a follower of the log with the durable cursor {@value #CONSUMER}, publishing what
 * {@link MqttEncoder} makes of each event, QoS 1, and moving its cursor only once the broker has acknowledged every
 * message of the event. Availability is {@code tocsin/status} (retained {@code online}; the broker publishes the
 * retained last will {@code offline} if Tocsin vanishes). On every (re)connect it republishes the discovery configs
 * and every retained state, then resumes from its cursor, so a broker that restarted and forgot everything is whole
 * again; {@code homeassistant/status} saying {@code online} (Home Assistant restarted) republishes the configs.
 * One thread does all of it; a broker that is down is retried every {@value #RETRY_MS} ms.
 */
public final class MqttBridge implements EventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttBridge.class.getName());
    public static final String CONSUMER = "mqtt";
    static final long RETRY_MS = 1000;
    /** Cursor advances are written at most this often (a burst of events costs one write). */
    static final long CURSOR_MS = 100;

    /** Where and how to connect. */
    public record Broker(String url, String username, String password) {
    }

    private final Broker broker;
    private final MqttEncoder encoder;
    private final Tail tail;
    private final CursorStore cursors;
    private final Semaphore wake = new Semaphore(0);
    private final String clientId = "tocsin-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean running;
    private volatile boolean republishConfigs;
    private volatile boolean catchUp = true;
    private volatile boolean connected;
    private Thread thread;
    private MqttClient client;
    private long cursor;
    private long savedCursor;
    private long lastSave;

    public MqttBridge(Broker broker, MqttEncoder encoder, Tail tail, CursorStore cursors) {
        this.broker = broker;
        this.encoder = encoder;
        this.tail = tail;
        this.cursors = cursors;
    }

    public MqttBridge start() {
        cursor = cursors.load(CONSUMER).orElseGet(() -> {
            long head = tail.logHead();
            cursors.reset(CONSUMER, head); // a first start publishes the present, not the whole past
            return head;
        });
        savedCursor = cursor;
        tail.skipTo(cursor);
        running = true;
        thread = Thread.ofPlatform().daemon().name("tocsin-mqtt").start(this::run);
        return this;
    }

    /** Whether the bridge is connected to its broker now. */
    public boolean connected() {
        return connected;
    }

    /** The seq up to which every event is published and acknowledged. */
    public long cursor() {
        return cursor;
    }

    @Override
    public void publish(LoggedEvent event) {
        if (!tail.offer(event)) {
            catchUp = true;
        }
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                if (client == null || !client.isConnected()) {
                    connected = false;
                    connect();
                    connected = true;
                }
                if (republishConfigs) {
                    republishConfigs = false;
                    send(encoder.discovery(), true);
                }
                if (catchUp) {
                    catchUp = false;
                    tail.catchUp();
                }
                for (Entry e = tail.next(cursor); e != null && running; e = tail.next(cursor)) {
                    for (Message m : encoder.encode(e)) {
                        publish(m, !MqttEncoder.EVENTS.equals(m.key()));
                    }
                    cursor = e.seq();
                    tail.trim(cursor);
                }
                saveCursor(false);
                wake.tryAcquire(RETRY_MS, TimeUnit.MILLISECONDS);
            } catch (MqttException | RuntimeException e) {
                connected = false;
                LOG.warning("MQTT: " + describe(e) + "; retrying in " + RETRY_MS + " ms from seq " + cursor);
                closeQuietly();
                catchUp = true;
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void connect() throws MqttException {
        closeQuietly();
        client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false); // this thread reconnects, and republishes what a restarted broker lost
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(15);
        o.setMaxInflight(1000);
        o.setWill(MqttEncoder.STATUS, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        if (broker.username() != null) {
            o.setUserName(broker.username());
            if (broker.password() != null) {
                o.setPassword(broker.password().toCharArray());
            }
        }
        client.setTimeToWait(10_000);
        client.connect(o);
        publish(new Message(0, MqttEncoder.STATUS, "text/plain", "online".getBytes(StandardCharsets.UTF_8)), true);
        send(encoder.discovery(), true);
        Entry next = tail.next(cursor);
        send(encoder.snapshot(next != null ? next.before() : tail.board()), true);
        client.subscribe(encoder.haStatusTopic(), 1, (topic, msg) -> {
            if ("online".equals(new String(msg.getPayload(), StandardCharsets.UTF_8).trim())) {
                republishConfigs = true;
                wake.release();
            }
        });
        LOG.info("MQTT: connected to " + broker.url() + ", resuming after seq " + cursor);
    }

    private void send(List<Message> messages, boolean retained) throws MqttException {
        for (Message m : messages) {
            publish(m, retained);
        }
    }

    /** QoS 1: returns once the broker acknowledged it. */
    private void publish(Message m, boolean retained) throws MqttException {
        client.publish(m.key(), m.body(), 1, retained);
    }

    private void saveCursor(boolean now) {
        long t = System.nanoTime();
        if (cursor != savedCursor && (now || t - lastSave > TimeUnit.MILLISECONDS.toNanos(CURSOR_MS))) {
            cursors.saveAll(Map.of(CONSUMER, cursor));
            savedCursor = cursor;
            lastSave = t;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeQuietly() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(100, 500);
            }
        } catch (MqttException ignored) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
        client = null;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()
                + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
    }

    /** Says offline (a clean stop is not a crash: the will is for those), writes the cursor, disconnects. */
    @Override
    public void close() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (client != null && client.isConnected()) {
                publish(new Message(0, MqttEncoder.STATUS, "text/plain",
                        "offline".getBytes(StandardCharsets.UTF_8)), true);
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.warning("MQTT: could not say offline at stop: " + describe(e));
        }
        closeQuietly();
        try {
            saveCursor(true);
        } catch (RuntimeException e) {
            LOG.warning("MQTT: cursor not written at stop (events after it will be published again): "
                    + e.getMessage());
        }
    }
}
