package io.tocsin.bench.fanout;

import io.tocsin.bench.fanout.FanoutBench.Options;
import io.tocsin.bench.fanout.FanoutBench.Round;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a fan-out run on one group of subscribers: opening it, one published and timed round, the events
 * tally, and the pause between rounds. One per {@link FanoutBench}, so peers' publish sequence numbers run on
 * across everything the bench does.
 */
final class RoundDriver {
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");

    private final Options options;
    private final PrintStream out;
    private int publishes;

    RoundDriver(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    void open(Subscribers g, List<ClientLoop> loops, List<InetAddress> sources)
            throws TimeoutException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        g.open(loops, sources, options.batch(), TimeUnit.MILLISECONDS.toNanos(options.timeoutMs()));
        Thread.sleep(Math.min(options.pauseMs(), 500) + 100);
        if (options.rounds() > 0 && g.size >= 5000) {
            out.printf("  opened %,d %s subscribers in %d ms%n", g.size, g.target.label(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    Round round(Subscribers g, int index) throws Exception {
        Target t = g.target;
        int seqOfPeer = ++publishes;
        byte[] request = t.publishRequest(seqOfPeer, options.messageBytes());
        Publisher.Reply reply;
        long t0;
        try (Publisher p = Publisher.connect(t.publishAddress(), (int) options.timeoutMs())) {
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
        g.awaitRound(t0 + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs()));
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
        FanoutReport.round(out, options, r, g);
        return r;
    }

    static void record(Map<String, int[]> seen, Subscribers g, int published) {
        int min = Arrays.stream(g.events).min().orElse(0);
        int max = Arrays.stream(g.events).max().orElse(0);
        seen.merge(g.target.label(), new int[] {published, min, max},
                (a, b) -> new int[] {a[0], Math.min(a[1], b[1]), Math.max(a[2], b[2])});
    }

    void pause() throws InterruptedException {
        if (options.pauseMs() > 0) {
            Thread.sleep(options.pauseMs());
        }
    }

    static List<InetAddress> sources(int count) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
        }
        return out;
    }
}
