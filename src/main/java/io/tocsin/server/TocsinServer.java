package io.tocsin.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tocsin.app.AlertDesk;
import io.tocsin.audit.ChainGuard;
import io.tocsin.audit.Checkpointer;
import io.tocsin.auth.TokenStore;
import io.tocsin.db.Database;
import io.tocsin.domain.ApprovalPolicy;
import io.tocsin.http.ApiRouter;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.metrics.ServerMeters;
import io.tocsin.region.RegionCatalog;
import io.tocsin.stream.Hub;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The composition root: opens the database, rebuilds the board from the log, starts the hub and the HTTP server.
 * Nothing starts in the constructor; {@link #start()} and {@link #stop()} do.
 */
public final class TocsinServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TocsinServer.class.getName());
    /** How often expiries are checked: alerts end within a second of their expires_at. */
    static final long EXPIRY_CHECK_MS = 1000;
    /**
     * How often the board folds in what other processes appended to a shared log, and retries after a failed read:
     * the board never stays behind the log for long, whoever wrote.
     */
    static final long FOLLOW_LOG_MS = 250;
    static final long FORGET_KEYS_MS = 3_600_000;
    /** How often alerts are checked for a due CAP renewal: due half a horizon (hours) ahead, so seconds suffice. */
    static final long RENEWAL_CHECK_MS = 5000;
    /**
     * Kernel send buffer per connection. Fixed rather than autotuned (up to 4 MiB on Linux): alerts are small, and a
     * bound keeps 18,000 subscribers' kernel memory in check and lets a stalled subscriber show up as a full write
     * queue within a few hundred KiB instead of megabytes.
     */
    static final int SEND_BUFFER_BYTES = 128 * 1024;
    private final ServerConfig config;
    private final RegionCatalog regions;
    private final Clock clock;
    private final ApprovalPolicy approvals;
    private Vertx vertx;
    private Database db;
    private AlertDesk desk;
    private TokenStore tokens;
    private Hub hub;
    private ChainGuard chainGuard;
    private io.vertx.ext.web.Router router;
    private ServerMeters meters;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** What to start once the server listens (data only some requests need; they wait for it). */
    private final List<Runnable> afterListening = new java.util.ArrayList<>();
    private PushChannels push;
    private io.tocsin.cluster.ClusterNode cluster;
    private PushChannels.Timing pushTiming = PushChannels.Timing.DEFAULT;

    public TocsinServer(ServerConfig config, RegionCatalog regions, Clock clock) {
        this(config, regions, clock, ApprovalPolicy.DEFAULT);
    }

    public TocsinServer(ServerConfig config, RegionCatalog regions, Clock clock, ApprovalPolicy approvals) {
        this.config = config;
        this.regions = regions;
        this.clock = clock;
        this.approvals = approvals;
    }

    public TocsinServer start() {
        config.requireClusterDatabase();
        // Vert.x (event loops, the native transport) and the database (pool, schema, the board rebuilt from the
        // log) are independent, and each is a good part of the start-up: start them side by side.
        // One HTTP server per event loop sharing the port, and epoll unless turned off (ServerConfig.Transport).
        ServerConfig.Transport transport = config.transport();
        CompletableFuture<Vertx> starting = CompletableFuture.supplyAsync(() -> Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(transport.nativeTransport())
                // Enough loops that every HTTP server gets its own, even when event_loops asks for many.
                .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, transport.eventLoops()))),
                task -> Thread.ofPlatform().daemon().name("tocsin-start-vertx").start(task));
        long replayed;
        try {
            db = Database.open(config.database());
            replayed = auditAndRebuild();
            tokens = new TokenStore(db, clock);
        } catch (RuntimeException e) {
            starting.thenAccept(Vertx::close);
            throw e;
        }
        vertx = starting.join();
        if (transport.nativeTransport() && !vertx.isNativeTransportEnabled()) {
            LOG.info("native transport unavailable, using NIO: " + vertx.unavailableNativeTransportCause());
        }
        meters = new ServerMeters(desk);
        PrometheusMeterRegistry metrics = meters.registry();
        hub = new Hub(vertx, desk.log(), regions.tree(), metrics);
        desk.addSink(hub);
        desk.addSink(chainGuard.checkpointer());
        // Deferred: built once the server listens (CompatApi starts it); push encoders wait for it on their threads.
        var table = io.tocsin.compat.locations.LocationTableLoader.deferred(regions.tree());
        push = PushChannels.start(vertx, db, desk, regions.tree(), table, config.push(), pushTiming, metrics, clock);
        if (config.cluster() == null) {
            push.run(desk, false);
            every(EXPIRY_CHECK_MS, "expiry check", desk::expireDue);
            every(RENEWAL_CHECK_MS, "CAP renewal", () -> desk.renewDue(config.cap().expiresHorizon()));
        } else {
            joinCluster(metrics);
        }
        every(FOLLOW_LOG_MS, "following the log", desk::followLog);
        every(FORGET_KEYS_MS, "forgetting old idempotency keys", desk::forgetOldIdempotencyKeys);
        router = ApiRouter.create(vertx, config, desk, regions.tree(), regions.locator(), regions.search(), hub, tokens,
                metrics,
                new io.tocsin.cap.mapping.CapStores(new io.tocsin.cap.mapping.JdbcCapLinkStore(db),
                        new io.tocsin.cap.mapping.JdbcCapOriginStore(db)), chainGuard, afterListening::add,
                new ApiRouter.Push(table, push.webhooks()), cluster);
        try {
            // One server per event loop on the same port: Vert.x spreads connections over them, so every core
            // fans out its own share of the subscribers. Each is deployed as its own verticle instance, because
            // servers created from one plain thread would all share that thread's one context (and event loop).
            HttpServerOptions options = HttpOptions.of(config, SEND_BUFFER_BYTES);
            var caps = new io.tocsin.http.ConnectionCaps(config.connections(),
                    io.tocsin.http.TrustedProxies.parse(config.trustedProxies()), options, metrics);
            var invalid = new io.tocsin.http.InvalidRequests(metrics);
            vertx.deployVerticle(() -> new HttpVerticle(options, router, servers, caps, invalid),
                            new DeploymentOptions().setInstances(transport.eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            for (Throwable t = e; t != null; t = t.getCause()) {
                // NIO says BindException; Netty's epoll transport says NativeIoException "bind(..) failed: Address
                // already in use".
                if (t instanceof java.net.BindException
                        || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                    throw new PortInUseException(config.host(), config.port(), e);
                }
            }
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        // The boundaries, the name index and the compatibility APIs' location table serve only some requests: build
        // them once the server listens, so they do not slow the way there (2 cores: they would compete with it); a
        // request that needs one first waits for it.
        regions.loadInBackground();
        afterListening.forEach(Runnable::run);
        LOG.info("Tocsin ready on " + url() + " (" + replayed + " events replayed from the log)");
        return this;
    }

    /**
     * A node of a cluster: events travel over NATS, and the once-per-cluster duties (expiry, CAP renewal, push channels,
     * checkpoint signing) run only while this node holds their lease. Expiry is a conditional append, so even two
     * holders could not end an alert twice; the lease keeps the work (and webhook deliveries) to one node.
     */
    private void joinCluster(PrometheusMeterRegistry metrics) {
        ServerConfig.Cluster c = config.cluster();
        cluster = new io.tocsin.cluster.ClusterNode(c.nats(), c.lease(), db, desk, metrics,
                new io.tocsin.cluster.ClusterLink.Seal() {
                    @Override
                    public byte[] sign(byte[] event) {
                        return chainGuard.seal(event);
                    }

                    @Override
                    public boolean verify(byte[] event, byte[] seal) {
                        return chainGuard.sealedBy(event, seal);
                    }
                });
        chainGuard.checkpointer().signOnlyWhile(cluster::holdsLease);
        every(EXPIRY_CHECK_MS, "expiry check", () -> {
            if (cluster.holdsLease()) {
                desk.expireDue();
            }
        });
        every(RENEWAL_CHECK_MS, "CAP renewal", () -> {
            if (cluster.holdsLease()) {
                desk.renewDue(config.cap().expiresHorizon());
            }
        });
        cluster.start(held -> {
            if (held && push.runnable()) {
                push.run(desk, true);
            } else if (!held) {
                // The push channels do not restart (PushChannels.run): this node leaves the duties to the others.
                push.close();
                cluster.retire();
            }
        });
    }

    /** This node in its cluster, or null when it runs alone. */
    public io.tocsin.cluster.ClusterNode cluster() {
        return cluster;
    }

    /**
     * Runs {@code task} off the event loops every {@code ms}; a run still in progress (a log that hangs) is not
     * joined by another, so a slow database never piles up blocked workers.
     */
    private void every(long ms, String what, Runnable task) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        vertx.setPeriodic(ms, id -> {
            if (running.compareAndSet(false, true)) {
                vertx.executeBlocking(() -> {
                    task.run();
                    return null;
                }, false).onComplete(ar -> {
                    running.set(false);
                    if (ar.failed()) {
                        LOG.warning(what + " failed: " + ar.cause().getMessage());
                    }
                });
            }
        });
    }

    /**
     * Tamper evidence at start: the chain is audited against the signed checkpoints before anything is served, and
     * the start refused (StartRefusedException naming the seq and the override) when it fails or an event cannot be
     * read; then the board is rebuilt. Returns the number of events replayed.
     */
    private long auditAndRebuild() {
        ServerConfig.Checkpoints cp = config.checkpoints();
        try {
            chainGuard = ChainGuard.atStart(db, new JdbcEventLog(db), config.database(), cp.key(), cp.file(),
                    cp.interval(), cp.acceptBrokenChain(), clock);
            desk = new AlertDesk(chainGuard.log(), regions.tree(), clock, approvals);
            return chainGuard.rebuild(desk);
        } catch (RuntimeException e) {
            db.close();
            db = null;
            throw e;
        }
    }

    /**
     * Webhook retries on another schedule and with other timeouts (tests retry in milliseconds); call before
     * {@link #start()}.
     */
    public TocsinServer withWebhookTiming(io.tocsin.push.webhook.RetrySchedule schedule, java.time.Duration connect,
                                          java.time.Duration total) {
        this.pushTiming = new PushChannels.Timing(schedule, connect, total);
        return this;
    }

    /** The webhook engine (tests wake it after moving their clock, and wait for it to be idle). */
    public io.tocsin.push.webhook.WebhookEngine webhooks() {
        return push.engine();
    }

    /** The MQTT bridge, or null when no broker is configured. */
    public io.tocsin.push.mqtt.MqttBridge mqtt() {
        return push.mqtt();
    }

    /** The latest signed checkpoint and the key that checks it. */
    public Checkpointer checkpoints() {
        return chainGuard.checkpointer();
    }

    public int port() {
        return servers.get(0).actualPort();
    }

    public String url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    /** How many event loops serve HTTP (and fan out to the streams' subscribers). */
    public int eventLoops() {
        return config.transport().eventLoops();
    }

    public AlertDesk desk() {
        return desk;
    }

    public TokenStore tokens() {
        return tokens;
    }

    /** The server's meters, as /metrics shows them (tests read a gauge without taking a connection). */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return meters.registry();
    }

    public Hub hub() {
        return hub;
    }

    public RegionCatalog regions() {
        return regions;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The HTTP routes, so a test can hold the API description (openapi.json) to what is really mounted. */
    public io.vertx.ext.web.Router router() {
        return router;
    }

    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (hub != null) {
            hub.stop();
        }
        if (push != null) {
            push.close(); // writes the cursors it has advanced, before the database closes
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("vert.x did not stop cleanly: " + e.getMessage());
            }
        }
        if (meters != null) {
            meters.close(); // after vert.x: no scrape is in progress
        }
        if (chainGuard != null) {
            // After the last write (vert.x is closed): the checkpoint names where this run left the chain.
            chainGuard.checkpointer().close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
