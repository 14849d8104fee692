package io.tocsin.bench.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Opens a group's subscribers in batches (the listen backlog is finite): each batch is spread round-robin over the
 * client loops and source addresses, sent, and its responses awaited before the next batch.
 */
final class SubscriberOpener {
    private SubscriberOpener() {
    }

    /**
     * Opens every subscriber of {@code g}, {@code batch} at a time: a batch is sent, then the responses (SSE headers
     * or the 101 handshake) of the whole batch are awaited before the next.
     */
    static void open(Subscribers g, List<ClientLoop> loops, List<InetAddress> sources, int batch, long timeoutNanos)
            throws TimeoutException, IOException, InterruptedException {
        InetSocketAddress server = g.target.subscribeAddress();
        for (int from = 0; from < g.size; from += batch) {
            int to = Math.min(g.size, from + batch);
            List<List<SubscriberConn>> perLoop = new ArrayList<>();
            loops.forEach(l -> perLoop.add(new ArrayList<>()));
            for (int i = from; i < to; i++) {
                int li = i % loops.size();
                SubscriberConn c = new SubscriberConn(g, i, loops.get(li));
                g.conns[i] = c;
                g.loopOf[i] = loops.get(li);
                perLoop.get(li).add(c);
            }
            for (int li = 0; li < loops.size(); li++) {
                List<SubscriberConn> mine = perLoop.get(li);
                loops.get(li).execute(() -> {
                    for (SubscriberConn c : mine) {
                        c.open(server, sources.isEmpty() ? null : sources.get(c.index % sources.size()));
                    }
                });
            }
            long deadline = System.nanoTime() + timeoutNanos;
            while (g.ready.get() + g.failed.get() < to) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(g.target.label() + ": only " + g.ready.get() + " of " + to
                            + " subscribers opened in time"
                            + (g.firstError() == null ? "" : "; first error: " + g.firstError()));
                }
                Thread.sleep(2);
            }
            if (g.failed.get() > 0) {
                throw new IOException(g.target.label() + ": " + g.failed.get() + " subscribers failed to open; first: "
                        + g.firstError());
            }
        }
    }
}
