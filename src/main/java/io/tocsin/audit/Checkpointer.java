package io.tocsin.audit;

import io.tocsin.app.EventSink;
import io.tocsin.domain.LoggedEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Signs a checkpoint of the chain's head each time the head crosses a multiple of the interval, when the head has
 * stood unsigned for {@link #MAX_UNSIGNED}, and once more when the server stops. Signing and the file's fsync run on
 * a thread of their own: the writer, which calls {@link #publish} under its lock, never waits for them.
 */
public final class Checkpointer implements EventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());
    /**
     * A quiet night may not reach the next multiple of the interval for hours, and a crash skips the shutdown
     * checkpoint: without a time bound, that whole stretch could be cut off the tail unseen. A minute bounds it,
     * at the cost of at most one signature and fsync a minute, and none while nothing happens.
     */
    static final Duration MAX_UNSIGNED = Duration.ofSeconds(60);

    private final CheckpointKey key;
    private final CheckpointFile file;
    private final Clock clock;
    private final long interval;
    private final ScheduledExecutorService signer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tocsin-checkpoints");
        t.setDaemon(true);
        return t;
    });
    /** Seq and hash in one reference: a reader must never pair one event's seq with another's hash. */
    private volatile Head head;
    private volatile Checkpoint latest;
    private volatile java.util.function.BooleanSupplier allowed = () -> true;

    private record Head(long seq, String hash) {
    }

    Checkpointer(CheckpointKey key, CheckpointFile file, Clock clock, long interval, Duration maxUnsigned,
                 Checkpoint latest, long headSeq, String headHash) {
        this.key = key;
        this.file = file;
        this.clock = clock;
        this.interval = interval;
        this.latest = latest;
        this.head = new Head(headSeq, headHash);
        long every = maxUnsigned.toMillis();
        signer.scheduleWithFixedDelay(this::signHead, every, every, TimeUnit.MILLISECONDS);
    }

    /** The last checkpoint signed (or found in the file at start). */
    public Checkpoint latest() {
        return latest;
    }

    public String publicKeyBase64() {
        return key.publicKeyBase64();
    }

    @Override
    public void publish(LoggedEvent event) {
        long before = head.seq();
        head = new Head(event.seq(), event.hash());
        if (event.seq() / interval > before / interval) {
            // The head as it is when the signer gets to it (this one or later): checkpoints then never go backwards.
            signer.execute(this::signHead);
        }
    }

    /**
     * From now on signs only while {@code allowed} says so: in a cluster every node has the key, and only the
     * holder of the duties' lease signs.
     */
    public void signOnlyWhile(java.util.function.BooleanSupplier allowed) {
        this.allowed = allowed;
    }

    /** Signs the current head unless the latest checkpoint already names it. */
    void signHead() {
        if (!allowed.getAsBoolean()) {
            return;
        }
        Head now = head;
        Checkpoint last = latest;
        if (last == null || last.seq() != now.seq() || !last.hash().equals(now.hash())) {
            write(now.seq(), now.hash());
        }
    }

    private synchronized void write(long seq, String hash) {
        try {
            Checkpoint c = Checkpoint.sign(key, seq, hash, clock.instant());
            file.append(c);
            latest = c;
        } catch (RuntimeException e) {
            // The log itself is intact and durable; a checkpoint missing means less evidence, not lost alerts.
            LOG.warning("could not write the checkpoint at seq " + seq + ": " + e.getMessage());
        }
    }

    /** Waits for pending checkpoints, then signs the head: the next start and every monitor see where this one stopped. */
    @Override
    public void close() {
        signer.shutdown();
        try {
            if (!signer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("pending checkpoints did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signHead();
    }
}
