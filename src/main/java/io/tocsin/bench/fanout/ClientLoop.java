package io.tocsin.bench.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread of the load client: it owns a share of the subscriber sockets (non-blocking), connects them,
 * reads them, and timestamps what arrives. No thread per connection; one shared read buffer per loop.
 */
final class ClientLoop implements AutoCloseable {
    static final int READ_BUFFER = 64 * 1024;

    final Selector selector;
    /** Sockets read into this direct buffer, then the bytes are copied to {@link #bytes} to be scanned. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    final byte[] bytes = new byte[READ_BUFFER];
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    ClientLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::ready);
                for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                    t.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Subscribers.Conn c) {
                    c.abort();
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            stopped.countDown();
        }
    }

    private void ready(SelectionKey k) {
        ((Subscribers.Conn) k.attachment()).ready(k);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
