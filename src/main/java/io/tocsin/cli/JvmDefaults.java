package io.tocsin.cli;

/** JVM options the launcher script starts Tocsin with, so the benchmark's child server runs the same way. */
public final class JvmDefaults {
    /**
     * A server that mostly holds idle connections: the heap shrinks back after collections (at most 30 % kept free)
     * instead of keeping the peak of a connection storm resident. Kept in step with {@code ./tocsin} by a test.
     */
    public static final String SERVER = "-XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10";

    private JvmDefaults() {
    }
}
