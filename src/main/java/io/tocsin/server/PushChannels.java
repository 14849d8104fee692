package io.tocsin.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.app.AlertDesk;
import io.tocsin.compat.CompatApi;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.ukrainealarm.WebhookEncoder;
import io.tocsin.db.Database;
import io.tocsin.domain.RegionTree;
import io.tocsin.push.CachingEncoder;
import io.tocsin.push.CursorStore;
import io.tocsin.push.JsonEventEncoder;
import io.tocsin.push.PushEncoder;
import io.tocsin.push.Tail;
import io.tocsin.push.mqtt.MqttBridge;
import io.tocsin.push.mqtt.MqttEncoder;
import io.tocsin.push.webhook.HttpSender;
import io.tocsin.push.webhook.RetrySchedule;
import io.tocsin.push.webhook.StoredSubscriptions;
import io.tocsin.push.webhook.TargetGuard;
import io.tocsin.push.webhook.WebhookEngine;
import io.tocsin.push.webhook.WebhookService;
import io.tocsin.push.webhook.WebhookStore;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The push channels, each a follower of the log with its own cursors: the webhook engine (Tocsin's webhooks and
 * ukrainealarm's) and, when configured, the MQTT bridge. Started after the board is rebuilt, stopped before the
 * database closes.
 */
final class PushChannels implements AutoCloseable {
    /**
     * How webhook deliveries are timed; tests inject a fast schedule.
     *
     * @param connect a connection not made within this is a failed attempt
     * @param total   an attempt not answered within this (from its start) is a failed attempt
     */
    record Timing(RetrySchedule schedule, Duration connect, Duration total) {
        /** 5 s to connect and 15 s in all: a receiver that needs longer should answer first and work after. */
        static final Timing DEFAULT = new Timing(RetrySchedule.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    private final WebhookEngine engine;
    private final CompatApi.Webhooks webhooks;
    private final MqttBridge mqtt;
    private boolean running;
    private boolean closed;
    private AlertDesk desk;
    private Vertx vertx;
    private StoredSubscriptions stored;
    private long syncTimer = -1;
    /**
     * In a cluster, how often the delivering node reads the subscriptions other nodes' APIs changed: a new
     * subscription starts from its stored cursor, so this delays its first delivery, never skips one.
     */
    static final long CLUSTER_SYNC_MS = 2000;

    private PushChannels(WebhookEngine engine, CompatApi.Webhooks webhooks, MqttBridge mqtt) {
        this.engine = engine;
        this.webhooks = webhooks;
        this.mqtt = mqtt;
    }

    static PushChannels start(Vertx vertx, Database db, AlertDesk desk, RegionTree tree, LocationTable table,
                              ServerConfig.Push config, Timing timing, MeterRegistry metrics, Clock clock) {
        CursorStore cursors = new CursorStore(db);
        WebhookStore store = new WebhookStore(db);
        TargetGuard guard = new TargetGuard(config.webhookAllow());
        WebhookEncoder ua = new WebhookEncoder(tree, table);
        Map<String, PushEncoder> encoders = Map.of(JsonEventEncoder.NAME, new CachingEncoder(new JsonEventEncoder()),
                WebhookEncoder.NAME, new CachingEncoder(ua));
        WebhookEngine engine = new WebhookEngine(store, cursors, new Tail(desk.log(), tree), tree, encoders,
                new HttpSender(vertx, guard, timing.connect(), timing.total()), clock, timing.schedule(), metrics);
        WebhookService service = new WebhookService(store, cursors, engine, guard, tree, () -> desk.log().lastSeq(),
                clock);
        MqttBridge mqtt = null;
        ServerConfig.Mqtt m = config.mqtt();
        if (m != null) {
            mqtt = new MqttBridge(new MqttBridge.Broker(m.url(), m.username(), m.password()),
                    new MqttEncoder(tree, table, m.regions(), m.discoveryPrefix()), new Tail(desk.log(), tree),
                    cursors);
        }
        PushChannels channels = new PushChannels(engine, new CompatApi.Webhooks(service, ua), mqtt);
        channels.vertx = vertx;
        channels.stored = new StoredSubscriptions(store, cursors, engine);
        return channels;
    }

    /**
     * Starts delivering: on a node alone at once, in a cluster when this node takes the lease (once per cluster).
     * A node that loses the lease stops them for good ({@link #close}): the engine and bridge do not restart, so
     * that node never takes the lease again until it restarts (docs/cluster.md).
     */
    synchronized void run(AlertDesk desk, boolean cluster) {
        if (running || closed) {
            return;
        }
        if (cluster) {
            syncTimer = vertx.setPeriodic(CLUSTER_SYNC_MS, id -> vertx.executeBlocking(() -> {
                stored.sync();
                return null;
            }, false));
        }
        running = true;
        this.desk = desk;
        engine.start();
        desk.addSink(engine);
        if (mqtt != null) {
            mqtt.start();
            desk.addSink(mqtt);
        }
    }

    /** Whether these channels can still be run (they never ran, or run now). */
    synchronized boolean runnable() {
        return !closed;
    }

    /** The MQTT bridge, or null when none is configured. */
    MqttBridge mqtt() {
        return mqtt;
    }

    CompatApi.Webhooks webhooks() {
        return webhooks;
    }

    WebhookEngine engine() {
        return engine;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (!running) {
            return;
        }
        if (syncTimer >= 0) {
            vertx.cancelTimer(syncTimer);
        }
        desk.removeSink(engine);
        if (mqtt != null) {
            desk.removeSink(mqtt);
        }
        engine.close();
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
