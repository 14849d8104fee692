package io.tocsin.bench.fanout;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out time-to-all: N subscribers per target, one event published per round, and for every subscriber the time
 * from writing the publish request to reading the event. Several targets are measured in the same run, round by
 * round in rotating order, so that Tocsin and its peers see the same machine state; the report gives, per target,
 * the median over rounds of the first, p50, p99 and last (time-to-all) receipt, and the ratios Tocsin / peer.
 *
 * <p>The client is {@link ClientLoop} selector threads over non-blocking sockets bound round-robin to
 * 127.0.0.2, 127.0.0.3, … (one source address has only ~28k ephemeral ports), opened in batches (somaxconn).
 * When all targets' subscribers fit in the process's sockets at once they stay open for the whole run; otherwise
 * (e.g. 18,000 subscribers × 2 targets) each round reconnects its target's subscribers and sends one unmeasured
 * event before the measured one, so both modes measure a subscriber's second-or-later event.
 */
public final class FanoutBench {
    /** Sockets this process may hold (hard limit 20,000 fds here), minus room for files, the JVM and publishers. */
    public static final int SOCKET_BUDGET = 19_400;
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");

    /**
     * @param subscribers   subscribers per target
     * @param rounds        measured rounds per target
     * @param warmup        unmeasured rounds per target first
     * @param batch         connections opened before waiting for their responses
     * @param sources       source addresses 127.0.0.2 … 127.0.0.(1+sources)
     * @param clientThreads selector threads of the load client
     * @param pauseMs       pause after each round
     * @param timeoutMs     how long a round (or a batch of opens) may take before it counts as failed
     * @param reconnect     reconnect every round even when all targets' subscribers would fit at once
     * @param messageBytes  size of a peer's message body (Tocsin's event is what Tocsin makes of the alert)
     */
    public record Options(int subscribers, int rounds, int warmup, int batch, int sources, int clientThreads,
                          long pauseMs, long timeoutMs, boolean reconnect, int messageBytes) {
        public Options {
            if (subscribers < 1 || rounds < 1 || warmup < 0 || batch < 1 || sources < 0 || sources > 250
                    || clientThreads < 1 || pauseMs < 0 || timeoutMs < 100 || messageBytes < 32) {
                throw new IllegalArgumentException("bad fan-out options: " + this);
            }
        }

        public static Options defaults(int subscribers) {
            return new Options(subscribers, 9, 1, 1000, 4, 1, 1000, 30_000, false, 400);
        }
    }

    /**
     * One round of one target, in nanoseconds from the publish write: first, p50, p99 and last receipt (time-to-all,
     * meaningful only when {@code missing} is 0), the publish reply latency, and how many subscribers got an event
     * other than the one published ({@code wrong}; checked where the stream carries the event's seq).
     */
    public record Round(String target, int index, long first, long p50, long p99, long all, int received, int missing,
                        int wrong, long publishReply) {
        public boolean complete() {
            return missing == 0 && wrong == 0;
        }
    }

    /** The measured rounds of one target and their medians. */
    public record Summary(Target target, int subscribers, List<Round> rounds) {
        /** The median of a figure over the rounds. */
        public long median(java.util.function.ToLongFunction<Round> f) {
            return median(rounds.stream().mapToLong(f).sorted().toArray());
        }

        /** The median time-to-all; a round where someone missed the event counts as infinitely slow. */
        public long medianAll() {
            return median(rounds.stream().mapToLong(r -> r.complete() ? r.all() : Long.MAX_VALUE).sorted().toArray());
        }

        public long minAll() {
            return rounds.stream().mapToLong(r -> r.complete() ? r.all() : Long.MAX_VALUE).min().orElse(-1);
        }

        public long maxAll() {
            return rounds.stream().mapToLong(r -> r.complete() ? r.all() : Long.MAX_VALUE).max().orElse(-1);
        }

        public int incomplete() {
            return (int) rounds.stream().filter(r -> !r.complete()).count();
        }

        private static long median(long[] v) {
            if (v.length == 0) {
                return -1;
            }
            long lo = v[(v.length - 1) / 2];
            long hi = v[v.length / 2];
            return lo == Long.MAX_VALUE || hi == Long.MAX_VALUE ? Long.MAX_VALUE : (lo + hi) / 2;
        }
    }

    private final Options options;
    private final PrintStream out;
    private int publishes;

    public FanoutBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Per target: the rounds measured, and {@code events}: per target label {published to each subscriber, fewest
     * seen by a subscriber, most seen by a subscriber} (warm-ups included), to prove nothing was lost or doubled.
     */
    public record Result(List<Summary> summaries, Map<String, int[]> events) {
        /** Median time-to-all of {@code a} divided by that of {@code b}. */
        public double ratio(Summary a, Summary b) {
            return (double) a.medianAll() / b.medianAll();
        }
    }

    /**
     * Runs the rounds for every target. {@code embeddedSockets} is how many server-side sockets live in this
     * process per subscriber (1 when a target is served in-process, else 0), for the socket budget.
     */
    public Result run(List<Target> targets, int embeddedSockets) throws Exception {
        int n = options.subscribers;
        long perTargetSockets = (long) n * (1 + embeddedSockets);
        if (perTargetSockets > SOCKET_BUDGET) {
            throw new IllegalArgumentException(n + " subscribers need " + perTargetSockets + " sockets in this process"
                    + " (limit ~" + SOCKET_BUDGET + ")" + (embeddedSockets > 0 ? ": run Tocsin as a child process" : ""));
        }
        boolean reconnect = options.reconnect || (long) n * targets.size() + (long) n * embeddedSockets > SOCKET_BUDGET;
        List<ClientLoop> loops = new ArrayList<>();
        for (int i = 0; i < options.clientThreads; i++) {
            loops.add(new ClientLoop("fanout-client-" + i));
        }
        List<InetAddress> sources = sources(options.sources);
        out.printf("fan-out: %,d subscribers per target, %d measured rounds (+%d warm-up), %s; client: %d selector"
                        + " thread(s), source addresses %s, batches of %,d%n", n, options.rounds, options.warmup,
                reconnect ? "reconnecting every round" : "connections held for the whole run", options.clientThreads,
                sources.isEmpty() ? "default" : sources.get(0).getHostAddress() + ".." + sources.get(sources.size() - 1)
                        .getHostAddress(), options.batch);
        out.printf("%-14s %5s %9s %9s %9s %9s %9s %8s%n", "target", "round", "first", "p50", "p99", "all", "pub-reply",
                "missing");
        Map<Target, List<Round>> rounds = new LinkedHashMap<>();
        targets.forEach(t -> rounds.put(t, new ArrayList<>()));
        Map<String, int[]> seen = new LinkedHashMap<>();
        try {
            if (reconnect) {
                for (int r = -options.warmup; r < options.rounds; r++) {
                    for (int k = 0; k < targets.size(); k++) {
                        Target t = targets.get(Math.floorMod(r + k, targets.size()));
                        Subscribers g = new Subscribers(t, n);
                        try {
                            open(g, loops, sources);
                            round(g, -1);
                            pause();
                            Round res = round(g, r);
                            if (r >= 0) {
                                rounds.get(t).add(res);
                            }
                            record(seen, g, 2);
                        } finally {
                            g.close(true);
                        }
                        pause();
                    }
                }
            } else {
                List<Subscribers> groups = new ArrayList<>();
                try {
                    for (Target t : targets) {
                        Subscribers g = new Subscribers(t, n);
                        groups.add(g);
                        open(g, loops, sources);
                    }
                    for (int r = -options.warmup; r < options.rounds; r++) {
                        for (int k = 0; k < targets.size(); k++) {
                            int ti = Math.floorMod(r + k, targets.size());
                            Round res = round(groups.get(ti), r);
                            if (r >= 0) {
                                rounds.get(targets.get(ti)).add(res);
                            }
                            pause();
                        }
                    }
                    for (Subscribers g : groups) {
                        record(seen, g, options.warmup + options.rounds);
                    }
                } finally {
                    groups.forEach(Subscribers::close);
                }
            }
        } finally {
            loops.forEach(ClientLoop::close);
        }
        List<Summary> summaries = new ArrayList<>();
        rounds.forEach((t, rs) -> summaries.add(new Summary(t, n, rs)));
        Result result = new Result(summaries, seen);
        print(result);
        return result;
    }

    /**
     * Memory per idle subscriber of a Tocsin server: heap (after full GCs) and RSS before and after opening
     * {@code n} subscribers that then sit idle, divided by n. The server is warmed first (a few hundred subscribers,
     * two events, closed) so that class loading, JIT code and buffer pools are in the baseline.
     */
    public long[] idleMemory(TocsinUnderTest server, Target t) throws Exception {
        int n = options.subscribers;
        List<ClientLoop> loops = List.of(new ClientLoop("fanout-client-mem"));
        List<InetAddress> sources = sources(options.sources);
        try {
            try (Subscribers warm = new Subscribers(t, Math.min(n, 500))) {
                open(warm, loops, sources);
                round(warm, -1);
                round(warm, -1);
            }
            awaitSubscribers(server, 0);
            TocsinUnderTest.Stats before = server.stats(true);
            try (Subscribers g = new Subscribers(t, n)) {
                open(g, loops, sources);
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs);
        TocsinUnderTest.Stats s = server.stats(false);
        while (s != null && s.subscribers() != n && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = server.stats(false);
        }
        if (s != null && s.subscribers() != n) {
            throw new IllegalStateException("the server counts " + s.subscribers() + " subscribers, expected " + n);
        }
    }

    private void open(Subscribers g, List<ClientLoop> loops, List<InetAddress> sources)
            throws TimeoutException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        g.open(loops, sources, options.batch, TimeUnit.MILLISECONDS.toNanos(options.timeoutMs));
        Thread.sleep(Math.min(options.pauseMs, 500) + 100);
        if (options.rounds > 0 && g.size >= 5000) {
            out.printf("  opened %,d %s subscribers in %d ms%n", g.size, g.target.label(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private Round round(Subscribers g, int index) throws Exception {
        Target t = g.target;
        int seqOfPeer = ++publishes;
        byte[] request = t.publishRequest(seqOfPeer, options.messageBytes);
        Publisher.Reply reply;
        long t0;
        try (Publisher p = Publisher.connect(t.publishAddress(), (int) options.timeoutMs)) {
            g.beginRound();
            t0 = p.send(request);
            reply = p.read(t0);
        }
        if (!reply.ok()) {
            throw new IllegalStateException(t.label() + ": publish answered " + reply.status() + " " + reply.body());
        }
        long expected = -1;
        if (t.tocsin()) {
            Matcher m = SEQ.matcher(reply.body());
            expected = m.find() ? Long.parseLong(m.group(1)) : -1;
        } else if (t.transport() == Target.Transport.WS) {
            expected = seqOfPeer; // the peer's message is the frame's payload, and it carries "seq"
        }
        g.awaitRound(t0 + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs));
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
        int got = 0;
        int wrong = 0;
        for (int i = 0; i < g.size; i++) {
            long at = g.receivedAt[i];
            if (at >= t0) {
                h.recordValue(at - t0);
                got++;
                if (expected >= 0 && g.eventId[i] != expected) {
                    wrong++;
                }
            }
        }
        Round r = new Round(t.label(), index, got == 0 ? -1 : h.getMinValue(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), got == 0 ? -1 : h.getMaxValue(), got, g.size - got, wrong,
                reply.repliedAt() - t0);
        if (index >= 0 || options.rounds > 0) {
            out.printf("%-14s %5s %9s %9s %9s %9s %9s %8s%s%n", t.label(), index < 0 ? "warm" : String.valueOf(index + 1),
                    ms(r.first()), ms(r.p50()), ms(r.p99()), r.missing() > 0 ? "-" : ms(r.all()),
                    ms(r.publishReply()), r.missing() + (g.lost.get() > 0 ? " (" + g.lost.get() + " dropped)" : ""),
                    wrong > 0 ? "  " + wrong + " got another event" : "");
        }
        if (g.lost.get() > 0 && g.firstError() != null) {
            out.println("  first drop: " + g.firstError());
        }
        return r;
    }

    private static void record(Map<String, int[]> seen, Subscribers g, int published) {
        int min = Arrays.stream(g.events).min().orElse(0);
        int max = Arrays.stream(g.events).max().orElse(0);
        seen.merge(g.target.label(), new int[] {published, min, max},
                (a, b) -> new int[] {a[0], Math.min(a[1], b[1]), Math.max(a[2], b[2])});
    }

    private void pause() throws InterruptedException {
        if (options.pauseMs > 0) {
            Thread.sleep(options.pauseMs);
        }
    }

    private void print(Result result) {
        out.println();
        out.printf("median of %d rounds, %,d subscribers per target (ms; \"all: min..max\" = range of time-to-all"
                + " over rounds)%n", options.rounds, options.subscribers);
        out.printf("%-14s %9s %9s %9s %9s %21s %9s%n", "target", "first", "p50", "p99", "all", "all: min..max",
                "pub-reply");
        for (Summary s : result.summaries()) {
            out.printf("%-14s %9s %9s %9s %9s %21s %9s%s%n", s.target().label(), ms(s.median(Round::first)),
                    ms(s.median(Round::p50)), ms(s.median(Round::p99)), ms(s.medianAll()),
                    ms(s.minAll()) + ".." + ms(s.maxAll()), ms(s.median(Round::publishReply)),
                    s.incomplete() > 0 ? "  (" + s.incomplete() + " incomplete rounds)" : "");
        }
        result.events().forEach((label, e) -> out.printf("%s: %d events published per subscriber, each subscriber saw"
                + " %d..%d%n", label, e[0], e[1], e[2]));
        for (Summary a : result.summaries()) {
            if (!a.target().tocsin()) {
                continue;
            }
            for (Summary b : result.summaries()) {
                if (b != a && !b.target().tocsin()) {
                    out.printf("ratio of median time-to-all %s / %s = %.2f%n", a.target().label(), b.target().label(),
                            result.ratio(a, b));
                }
            }
        }
    }

    static String ms(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return "inf";
        }
        return nanos < 0 ? "-" : String.format("%.2f", nanos / 1e6);
    }

    static List<InetAddress> sources(int count) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
        }
        return out;
    }
}
