package io.tocsin.bench.jmh;

/**
 * Runs Tocsin's JMH benchmarks ({@link PointLookupBenchmark}, {@link EventEncodingBenchmark}) with the settings in
 * their annotations (3 forks × 5 one-second iterations after 3 warm-up iterations; about two minutes), or with
 * JMH's own command-line options when any are given (e.g. {@code -f 1 -i 3 PointLookup}, {@code -h} for help).
 * Forks need a real class path, so run it with {@code java -cp} or {@code exec:exec}, not {@code exec:java}; see
 * docs/benchmarks.md.
 */
public final class RunBenchmarks {
    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String[] a = args.length > 0 ? args : new String[] {"io\\.tocsin\\.bench\\.jmh\\..*Benchmark"};
        org.openjdk.jmh.Main.main(a);
    }
}
