package io.tocsin.bench.fanout;

import io.tocsin.bench.fanout.FanoutBench.Options;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle subscriber of a Tocsin server: heap (after full GCs) and RSS before and after opening
 * {@code n} subscribers that then sit idle, divided by n. The server is warmed first (a few hundred subscribers,
 * two events, closed) so that class loading, JIT code and buffer pools are in the baseline.
 */
final class IdleMemory {
    private final Options options;
    private final PrintStream out;
    private final RoundDriver driver;

    IdleMemory(Options options, PrintStream out, RoundDriver driver) {
        this.options = options;
        this.out = out;
        this.driver = driver;
    }

    /** {heap, RSS} per subscriber, then heap before and after, RSS before and after (bytes; RSS -1 if unknown). */
    long[] measure(TocsinUnderTest server, Target t) throws Exception {
        int n = options.subscribers();
        List<ClientLoop> loops = List.of(new ClientLoop("fanout-client-mem"));
        List<InetAddress> sources = RoundDriver.sources(options.sources());
        try {
            try (Subscribers warm = new Subscribers(t, Math.min(n, 500))) {
                driver.open(warm, loops, sources);
                driver.round(warm, -1);
                driver.round(warm, -1);
            }
            awaitSubscribers(server, 0);
            TocsinUnderTest.Stats before = server.stats(true);
            try (Subscribers g = new Subscribers(t, n)) {
                driver.open(g, loops, sources);
                awaitSubscribers(server, n);
                Thread.sleep(2000);
                TocsinUnderTest.Stats after = server.stats(true);
                long heap = (after.heapUsed() - before.heapUsed()) / n;
                long rss = after.rss() < 0 ? -1 : (after.rss() - before.rss()) / n;
                out.printf("idle memory, %s, %,d %s subscribers: heap %,d B/subscriber (%,d → %,d MB), RSS %,d B/subscriber"
                                + " (%,d → %,d MB)%n", server.describe(), n, t.transport().wire(), heap,
                        before.heapUsed() >> 20, after.heapUsed() >> 20, rss, before.rss() >> 20, after.rss() >> 20);
                return new long[] {heap, rss, before.heapUsed(), after.heapUsed(), before.rss(), after.rss()};
            }
        } finally {
            loops.forEach(ClientLoop::close);
        }
    }

    private void awaitSubscribers(TocsinUnderTest server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
        TocsinUnderTest.Stats s = server.stats(false);
        while (s != null && s.subscribers() != n && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = server.stats(false);
        }
        if (s != null && s.subscribers() != n) {
            throw new IllegalStateException("the server counts " + s.subscribers() + " subscribers, expected " + n);
        }
    }
}
