package io.tocsin.bench.fanout;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final RoundDriver driver;

    public FanoutBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.driver = new RoundDriver(options, out);
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
        List<InetAddress> sources = RoundDriver.sources(options.sources);
        FanoutReport.header(out, options, reconnect, sources);
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
                            driver.open(g, loops, sources);
                            driver.round(g, -1);
                            driver.pause();
                            Round res = driver.round(g, r);
                            if (r >= 0) {
                                rounds.get(t).add(res);
                            }
                            RoundDriver.record(seen, g, 2);
                        } finally {
                            g.close(true);
                        }
                        driver.pause();
                    }
                }
            } else {
                List<Subscribers> groups = new ArrayList<>();
                try {
                    for (Target t : targets) {
                        Subscribers g = new Subscribers(t, n);
                        groups.add(g);
                        driver.open(g, loops, sources);
                    }
                    for (int r = -options.warmup; r < options.rounds; r++) {
                        for (int k = 0; k < targets.size(); k++) {
                            int ti = Math.floorMod(r + k, targets.size());
                            Round res = driver.round(groups.get(ti), r);
                            if (r >= 0) {
                                rounds.get(targets.get(ti)).add(res);
                            }
                            driver.pause();
                        }
                    }
                    for (Subscribers g : groups) {
                        RoundDriver.record(seen, g, options.warmup + options.rounds);
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
        FanoutReport.summary(out, options, result);
        return result;
    }

    /**
     * Memory per idle subscriber of a Tocsin server: heap (after full GCs) and RSS before and after opening
     * {@code n} subscribers that then sit idle, divided by n. The server is warmed first (a few hundred subscribers,
     * two events, closed) so that class loading, JIT code and buffer pools are in the baseline.
     */
    public long[] idleMemory(TocsinUnderTest server, Target t) throws Exception {
        return new IdleMemory(options, out, driver).measure(server, t);
    }
}
