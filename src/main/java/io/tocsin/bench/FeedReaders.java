package io.tocsin.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that read one URL (e.g. the Atom feed) back to back while a latency run goes on: the load that showed
 * large reads starving delivery (issue 17, point 10). Each reader is its own thread and connection.
 */
final class FeedReaders implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    FeedReaders(int readers, URI uri) {
        for (int i = 0; i < readers; i++) {
            threads.add(Thread.ofPlatform().daemon().name("feed-reader-" + i).start(() -> read(uri)));
        }
    }

    private void read(URI uri) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
        while (running) {
            try {
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    reads.incrementAndGet();
                    bytes.addAndGet(r.body().length);
                } else {
                    failures.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }
    }

    /** Waits until {@code n} reads have been answered (or the time is up: the run then shows how few were). */
    void awaitReads(long n, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (reads.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    long reads() {
        return reads.get();
    }

    long bytes() {
        return bytes.get();
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
    }
}
