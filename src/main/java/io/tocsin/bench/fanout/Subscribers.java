package io.tocsin.bench.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N subscribers of one target, as raw HTTP/1.1 sockets spread over the client loops. Each socket sends an SSE GET
 * or a WebSocket upgrade and then only reads: the loop records, per round, the System.nanoTime() of the read that
 * brought the first byte of the round's event, and the event's id (SSE {@code id:} line or the JSON's
 * {@code "seq":}) so a run can prove every subscriber got the very event that was issued.
 *
 * <p>An SSE event is recognised by a {@code data:} line (whatever the transfer coding: chunk-size lines and
 * comments such as {@code : keep-alive} never contain one); a WebSocket event is a text or binary frame, with
 * pings answered and close frames treated as the server dropping the subscriber.
 *
 * <p>This class holds the group's state and per-round results; a socket is a {@link SubscriberConn}, the streams
 * are scanned by {@link SseScanner} and {@link WsFrameParser}, and {@link SubscriberOpener} opens them in batches.
 */
final class Subscribers implements AutoCloseable {
    /** One subscriber socket as its {@link ClientLoop} sees it; every method runs on that loop's thread. */
    interface Conn {
        void ready(SelectionKey k);

        /** Closes with a reset. */
        void abort();
    }

    final Target target;
    final int size;
    /** nanoTime of the read that brought this round's event, per subscriber (valid when {@link SubscriberConn#roundSeen} = round). */
    final long[] receivedAt;
    /** The id of this round's event per subscriber, -1 when the stream carries none. */
    final long[] eventId;
    /** Events seen per subscriber over the whole run. */
    final int[] events;
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    /** Subscribers the server closed or reset while streaming. */
    final AtomicInteger lost = new AtomicInteger();
    final SubscriberConn[] conns;
    final ClientLoop[] loopOf;
    private final byte[] request;
    private final int keyAt;
    private volatile int round;
    private volatile String firstError;

    Subscribers(Target target, int size) {
        this.target = target;
        this.size = size;
        this.receivedAt = new long[size];
        this.eventId = new long[size];
        this.events = new int[size];
        this.conns = new SubscriberConn[size];
        this.loopOf = new ClientLoop[size];
        String req = target.subscribeRequest();
        this.keyAt = req.indexOf("%KEY%");
        this.request = req.replace("%KEY%", "AAAAAAAAAAAAAAAAAAAAAA==").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Opens every subscriber, {@code batch} at a time (the listen backlog is finite): a batch is sent, then the
     * responses (SSE headers or the 101 handshake) of the whole batch are awaited before the next.
     */
    void open(List<ClientLoop> loops, List<InetAddress> sources, int batch, long timeoutNanos)
            throws TimeoutException, IOException, InterruptedException {
        SubscriberOpener.open(this, loops, sources, batch, timeoutNanos);
    }

    /** The subscribe request to send on a new socket; a WebSocket upgrade gets a fresh Sec-WebSocket-Key. */
    byte[] request() {
        byte[] req = request;
        if (keyAt >= 0) {
            req = req.clone();
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            byte[] k64 = Base64.getEncoder().encode(nonce);
            System.arraycopy(k64, 0, req, keyAt, k64.length);
        }
        return req;
    }

    /** The current round (read by the loops on every event). */
    int round() {
        return round;
    }

    /** Starts a round: from now on, the first event each subscriber reads is this round's. */
    void beginRound() {
        received.set(0);
        round++;
    }

    /** Waits until every open subscriber has this round's event or the deadline passes; true when all have. */
    boolean awaitRound(long deadline) throws InterruptedException {
        while (received.get() < size - lost.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    String firstError() {
        return firstError;
    }

    void error(String e) {
        if (firstError == null) {
            firstError = e;
        }
    }

    /** Closes every socket gracefully (FIN). */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes every socket; with {@code reset}, by RST (SO_LINGER 0): no TIME_WAIT, so the source ports are free at
     * once for the next open. The raw floor does not survive resets (it keeps the dead socket in its list and then
     * fails the next publish), so a run that holds its connections closes them gracefully.
     */
    void close(boolean reset) {
        List<ClientLoop> loops = new ArrayList<>();
        for (ClientLoop l : loopOf) {
            if (l != null && !loops.contains(l)) {
                loops.add(l);
            }
        }
        CountDownLatch done = new CountDownLatch(loops.size());
        for (ClientLoop l : loops) {
            l.execute(() -> {
                for (int i = 0; i < size; i++) {
                    if (loopOf[i] == l && conns[i] != null) {
                        conns[i].close(reset);
                    }
                }
                done.countDown();
            });
        }
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
