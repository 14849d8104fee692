package io.tocsin.config;

/**
 * Another name an option answers to: a flag, an environment variable or a JVM system property that predates the
 * naming rule (deprecated: it works, and a warning says which name to use instead), or one a test harness needs.
 *
 * @param kind       where the name is looked up
 * @param name       the name as written there ({@code --cors-origin}, {@code TOCSIN_AUTH_FAILURES}, {@code tocsin.eventLoops})
 * @param deprecated whether using it warns
 */
public record Alias(Kind kind, String name, boolean deprecated) {
    public enum Kind { FLAG, ENV, SYSTEM_PROPERTY }

    public static Alias deprecatedFlag(String name) {
        return new Alias(Kind.FLAG, name, true);
    }

    public static Alias deprecatedEnv(String name) {
        return new Alias(Kind.ENV, name, true);
    }

    public static Alias deprecatedProperty(String name) {
        return new Alias(Kind.SYSTEM_PROPERTY, name, true);
    }

    /** A system property kept because a test harness or a benchmark's child JVM sets it (documented, no warning). */
    public static Alias harnessProperty(String name) {
        return new Alias(Kind.SYSTEM_PROPERTY, name, false);
    }

    /** How a user writes it: {@code -Dname=…} for a property, the name itself otherwise. */
    public String display() {
        return kind == Kind.SYSTEM_PROPERTY ? "-D" + name : name;
    }
}
