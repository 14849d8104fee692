package io.tocsin.cluster;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.tocsin.app.AlertDesk;
import io.tocsin.app.EventSink;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.log.EventWire;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Carries committed events between nodes over a NATS JetStream stream. Every event this node folds it publishes
 * with {@code Nats-Msg-Id} = seq (its own commits, and what it read from the log that NATS may never have carried,
 * such as the commit of a node that died before publishing); the stream's duplicate window keeps one copy. Every
 * node consumes the stream and hands each event to {@link AlertDesk#receive}, which applies the next seq directly
 * and reads anything else from the log. NATS only makes nodes converge faster: the desk's follower still reads the
 * log every 250 ms, so a lost NATS costs latency, never an event. Each message carries a seal (an Ed25519 signature
 * with the key every node shares): an event that is not sealed, does not hash, or does not link onto the board is
 * never applied from NATS, and the node reads the log instead.
 */
public final class ClusterLink implements EventSink, AutoCloseable {
    /** Signs what this node publishes and checks what it receives (the cluster's shared checkpoint key). */
    public interface Seal {
        byte[] sign(byte[] event);

        boolean verify(byte[] event, byte[] seal);
    }

    static final String SEAL_HEADER = "Tocsin-Seal";
    private static final Logger LOG = Logger.getLogger(ClusterLink.class.getName());
    /** JetStream refuses a second message with the same id within this: seqs are published for seconds, not minutes. */
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    /** Nodes read the stream live; the log keeps history, so the stream needs only enough for a reconnect. */
    static final Duration STREAM_MAX_AGE = Duration.ofHours(1);

    private final String url;
    private final String node;
    private final String stream;
    private final String subject;
    private final AlertDesk desk;
    private final ClusterMeters meters;
    private final Seal seal;
    /** Attaching (stream, consumer) talks to the server: never on NATS's own threads. */
    private final ExecutorService attacher = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("tocsin-cluster-attach").unstarted(r));
    private volatile Connection nc;
    private volatile JetStream js;
    private Dispatcher dispatcher;
    private JetStreamSubscription subscription;
    /** The seq being handed to the desk from NATS: it came from the stream, so it is not published back. */
    private volatile long receiving = -1;
    private final AtomicLong headSeen = new AtomicLong();
    private volatile boolean closed;

    public ClusterLink(String url, String node, String clusterId, AlertDesk desk, ClusterMeters meters, Seal seal) {
        this.seal = seal;
        this.url = url;
        this.node = node;
        this.stream = "TOCSIN_" + clusterId;
        this.subject = "tocsin." + clusterId + ".events";
        this.desk = desk;
        this.meters = meters;
    }

    /** Connects in the background: a node starts (and serves from the log) while NATS is away. */
    public ClusterLink start() {
        Options options = new Options.Builder().server(url).connectionName("tocsin-" + node).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250)).connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(2)).maxPingsOut(2)
                .connectionListener(this::onConnection).errorListener(new io.nats.client.ErrorListener() {
                }).build();
        try {
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    private void onConnection(Connection c, ConnectionListener.Events type) {
        if (type == ConnectionListener.Events.CONNECTED || type == ConnectionListener.Events.RECONNECTED) {
            nc = c;
            if (!closed) {
                attacher.execute(this::attach);
            }
        }
        LOG.info("NATS " + type.name().toLowerCase(java.util.Locale.ROOT) + " (" + url + ")");
    }

    /**
     * Makes sure the stream exists (a NATS restarted without its storage lost it) and consumes it from now on;
     * what was committed meanwhile the desk reads from the log at the first gap, or its follower does.
     */
    private synchronized void attach() {
        Connection c = nc;
        try {
            var jsm = c.jetStreamManagement();
            StreamConfiguration config = StreamConfiguration.builder().name(stream).subjects(subject)
                    .storageType(StorageType.File).duplicateWindow(DUPLICATE_WINDOW).maxAge(STREAM_MAX_AGE).build();
            try {
                jsm.getStreamInfo(stream);
            } catch (JetStreamApiException missing) {
                try {
                    jsm.addStream(config);
                } catch (JetStreamApiException raced) {
                    jsm.getStreamInfo(stream); // another node made it first; anything else is a real failure
                }
            }
            if (subscription != null) {
                try {
                    dispatcher.unsubscribe(subscription);
                } catch (RuntimeException gone) {
                    // the old connection's subscription went with it
                }
            }
            if (dispatcher == null) {
                dispatcher = c.createDispatcher();
            }
            js = c.jetStream();
            subscription = js.subscribe(subject, dispatcher, this::onMessage, false, PushSubscribeOptions.builder()
                    .ordered(true).configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New)
                            .build()).build());
            desk.followLog(); // what was committed while this node was not listening
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.warning("cannot attach to the NATS stream " + stream + " (serving from the log meanwhile): "
                    + e.getMessage());
            js = null;
        }
    }

    private void onMessage(Message m) {
        meters.received();
        String sealed = m.getHeaders() == null ? null : m.getHeaders().getFirst(SEAL_HEADER);
        var decoded = sealed != null && verified(m.getData(), sealed) ? EventWire.decode(m.getData())
                : java.util.Optional.<LoggedEvent>empty();
        if (decoded.isEmpty()) {
            meters.gapFill(); // not an event of this log as the log holds it: read the log
            desk.followLog();
            return;
        }
        LoggedEvent e = decoded.get();
        headSeen.accumulateAndGet(e.seq(), Math::max);
        receiving = e.seq();
        try {
            if (desk.receive(e) == AlertDesk.Received.GAP_FILLED) {
                meters.gapFill();
            }
        } finally {
            receiving = -1;
        }
    }

    private boolean verified(byte[] data, String sealed) {
        try {
            return seal.verify(data, java.util.Base64.getDecoder().decode(sealed));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Override
    public void publish(LoggedEvent event) {
        headSeen.accumulateAndGet(event.seq(), Math::max);
        JetStream j = js;
        if (event.seq() == receiving || j == null || !connected()) {
            return;
        }
        try {
            byte[] data = EventWire.encode(event);
            io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers()
                    .put(SEAL_HEADER, java.util.Base64.getEncoder().encodeToString(seal.sign(data)));
            j.publishAsync(io.nats.client.impl.NatsMessage.builder().subject(subject).headers(headers).data(data)
                    .build(), PublishOptions.builder().messageId(Long.toString(event.seq())).build())
                    .whenComplete((ack, failure) -> {
                        if (failure != null) {
                            meters.publishFailed();
                        } else if (!ack.isDuplicate()) {
                            meters.published();
                        }
                    });
        } catch (RuntimeException e) {
            meters.publishFailed(); // the others read it from the log
        }
    }

    /** The highest seq this node has heard of (from NATS, its own commits, or a read of the log's head). */
    public long headSeen() {
        return headSeen.get();
    }

    public void sawHead(long seq) {
        headSeen.accumulateAndGet(seq, Math::max);
    }

    public boolean connected() {
        Connection c = nc;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    /** The connection's state as /health says it: connected, reconnecting, disconnected, closed or connecting. */
    public String natsState() {
        Connection c = nc;
        return c == null ? "connecting" : c.getStatus().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        closed = true;
        attacher.shutdownNow();
        Connection c = nc;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
