package io.tocsin.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.app.AlertDesk;
import io.tocsin.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * This process as a node of a cluster: the NATS link that carries events, the lease of the once-per-cluster
 * duties, and what /health says about both. {@link #start} starts them; {@link #close} gives the lease up by
 * letting it lapse (a clean stop does not hand it over early: the next holder takes it when it expires).
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    /**
     * Lagging behind the log for longer than this makes the node degraded (/ready 503): NATS and the follower close
     * any gap within a fraction of a second, so 5 s behind means this node cannot read or keep up.
     */
    public static final Duration LAG_BOUND = Duration.ofSeconds(5);
    /** The head of the log is read this often, so lag shows even when NATS is silent. */
    static final long HEAD_PROBE_MS = 1000;
    static final String DUTIES = "duties";

    /** What /health reports. */
    public record Health(String node, String nats, long lag, long laggingMs, boolean degraded, boolean leaseHeld,
                         long leaseGeneration, String leaseHolder, long gapFills) {
    }

    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Database db;
    private final AlertDesk desk;
    private final Lease lease;
    private final ClusterLink link;
    private final ClusterMeters meters;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2,
            r -> Thread.ofPlatform().daemon().name("tocsin-cluster").unstarted(r));
    private volatile long laggingSince;
    private volatile boolean retired;

    public ClusterNode(String nats, Duration leaseLength, Database db, AlertDesk desk, MeterRegistry registry,
                       ClusterLink.Seal seal) {
        this.db = db;
        this.desk = desk;
        this.lease = new Lease(db, DUTIES, node, leaseLength);
        this.meters = new ClusterMeters(registry, this::lag, () -> link().connected() ? 1 : 0,
                () -> lease.held() ? 1 : 0, () -> lease.state().generation());
        this.link = new ClusterLink(nats, node, clusterId(db), desk, meters, seal);
    }

    private ClusterLink link() {
        return link;
    }

    /**
     * Connects to NATS, starts taking and renewing the lease (every third of it), and calls {@code onLease} with
     * true when this node takes the lease and false when it loses it.
     */
    public ClusterNode start(Consumer<Boolean> onLease) {
        desk.addSink(link);
        link.start();
        long every = Math.max(100, lease.length().toMillis() / 3);
        boolean[] had = {false};
        timers.scheduleWithFixedDelay(() -> {
            if (retired) {
                return;
            }
            boolean now = lease.refresh();
            if (now != had[0]) {
                had[0] = now;
                try {
                    onLease.accept(now);
                } catch (RuntimeException e) {
                    LOG.warning("the duties did not " + (now ? "start" : "stop") + " cleanly: " + e.getMessage());
                }
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::probeHead, HEAD_PROBE_MS, HEAD_PROBE_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void probeHead() {
        try {
            link.sawHead(desk.log().lastSeq());
        } catch (RuntimeException e) {
            // the desk marks itself behind on its own failed read; /health says so
        }
        lag();
    }

    /** Events between the highest seq heard of and the board; starts or ends the lagging clock. */
    private long lag() {
        long lag = Math.max(0, link.headSeen() - desk.board().lastSeq());
        if (lag == 0) {
            laggingSince = 0;
        } else if (laggingSince == 0) {
            laggingSince = System.nanoTime();
        }
        return lag;
    }

    /**
     * Stops taking the lease: this node lost it after holding it, and its push channels cannot restart. It keeps
     * serving; a restart makes it a candidate again.
     */
    public void retire() {
        retired = true;
        LOG.severe("node " + node + " lost the lease of the cluster's duties and leaves them to the other nodes; "
                + "restart it to make it a candidate again");
    }

    /** Whether this node may run the once-per-cluster duties now. */
    public boolean holdsLease() {
        return !retired && lease.held();
    }

    public Health health() {
        long lag = lag();
        long since = laggingSince;
        long ms = since == 0 ? 0 : (System.nanoTime() - since) / 1_000_000;
        Lease.State s = lease.state();
        return new Health(node, link.natsState(), lag, ms, desk.behind() || ms > LAG_BOUND.toMillis(), s.held(),
                s.generation(), s.holder(), (long) meters.gapFills());
    }

    public String id() {
        return node;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        link.close();
    }

    /** The id every node of this log shares, made by the first node that joins; it names the NATS stream. */
    static String clusterId(Database db) {
        String fresh = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = db.connection()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO cluster_identity (one, id) VALUES (1, ?) ON CONFLICT (one) DO NOTHING")) {
                ins.setString(1, fresh);
                ins.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM cluster_identity WHERE one = 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cluster's identity from the database: "
                    + e.getMessage(), e);
        }
    }
}
