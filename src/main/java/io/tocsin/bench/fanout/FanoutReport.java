package io.tocsin.bench.fanout;

import io.tocsin.bench.fanout.FanoutBench.Options;
import io.tocsin.bench.fanout.FanoutBench.Result;
import io.tocsin.bench.fanout.FanoutBench.Round;
import io.tocsin.bench.fanout.FanoutBench.Summary;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;

/** The fan-out run's printed report: the run's header, one line per round, and the medians and ratios at the end. */
final class FanoutReport {
    private FanoutReport() {
    }

    /** What the run does, and the column heads of the per-round lines. */
    static void header(PrintStream out, Options options, boolean reconnect, List<InetAddress> sources) {
        out.printf("fan-out: %,d subscribers per target, %d measured rounds (+%d warm-up), %s; client: %d selector"
                        + " thread(s), source addresses %s, batches of %,d%n", options.subscribers(), options.rounds(),
                options.warmup(), reconnect ? "reconnecting every round" : "connections held for the whole run",
                options.clientThreads(),
                sources.isEmpty() ? "default" : sources.get(0).getHostAddress() + ".." + sources.get(sources.size() - 1)
                        .getHostAddress(), options.batch());
        out.printf("%-14s %5s %9s %9s %9s %9s %9s %8s%n", "target", "round", "first", "p50", "p99", "all", "pub-reply",
                "missing");
    }

    /** One round's line (warm-ups too, unless the run has no measured rounds), and the first drop if any. */
    static void round(PrintStream out, Options options, Round r, Subscribers g) {
        int index = r.index();
        int wrong = r.wrong();
        if (index >= 0 || options.rounds() > 0) {
            out.printf("%-14s %5s %9s %9s %9s %9s %9s %8s%s%n", r.target(), index < 0 ? "warm" : String.valueOf(index + 1),
                    ms(r.first()), ms(r.p50()), ms(r.p99()), r.missing() > 0 ? "-" : ms(r.all()),
                    ms(r.publishReply()), r.missing() + (g.lost.get() > 0 ? " (" + g.lost.get() + " dropped)" : ""),
                    wrong > 0 ? "  " + wrong + " got another event" : "");
        }
        if (g.lost.get() > 0 && g.firstError() != null) {
            out.println("  first drop: " + g.firstError());
        }
    }

    /** Per target the medians over rounds, the events each subscriber saw, and the ratios Tocsin / peer. */
    static void summary(PrintStream out, Options options, Result result) {
        out.println();
        out.printf("median of %d rounds, %,d subscribers per target (ms; \"all: min..max\" = range of time-to-all"
                + " over rounds)%n", options.rounds(), options.subscribers());
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
}
