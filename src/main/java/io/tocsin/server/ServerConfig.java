package io.tocsin.server;

/**
 * Everything a server needs to start, validated once. Each option comes from a flag or an environment variable
 * (flag wins); see docs/configuration.md.
 *
 * @param host     interface to listen on (TOCSIN_HOST, default 127.0.0.1: opening to the network is a decision)
 * @param port     HTTP port (TOCSIN_PORT, default 8080; 0 picks a free one)
 * @param database {@code sqlite:PATH} or {@code jdbc:postgresql://…} (TOCSIN_DB, default sqlite:data/tocsin.db)
 */
public record ServerConfig(String host, int port, String database, Limits limits, java.util.List<String> corsOrigins,
                           Checkpoints checkpoints) {
    public static final String DEFAULT_DB = "sqlite:data/tocsin.db";

    /**
     * Signed checkpoints of the chain's head, kept outside the database (docs/architecture.md, tamper evidence).
     *
     * @param key               checkpoint_key: a PKCS#8 Ed25519 private key file (TOCSIN_CHECKPOINT_KEY; default
     *                          beside an SQLite database, {@code tocsin.db.checkpoint-key}, made 0600 on first start;
     *                          must be named for PostgreSQL: there is no file to stand beside, and a default would
     *                          give each node a new key unnoticed)
     * @param file              checkpoint_file: one JSON line per checkpoint (TOCSIN_CHECKPOINT_FILE; default beside
     *                          the SQLite file, {@code tocsin.db.checkpoints}, or the key's path + {@code .checkpoints})
     * @param interval          events between checkpoints (TOCSIN_CHECKPOINT_INTERVAL, default 100: at most that many
     *                          events can be cut off the tail unseen; one signature and one fsync per interval, off
     *                          the writer's thread)
     * @param acceptBrokenChain start on a log that fails its audit (--accept-broken-chain, deliberately no
     *                          environment variable: an override must be asked for at the start that needs it)
     */
    public record Checkpoints(java.nio.file.Path key, java.nio.file.Path file, int interval, boolean acceptBrokenChain) {
        public static final Checkpoints DEFAULT = new Checkpoints(null, null, 100, false);

        public Checkpoints {
            if (interval < 1) {
                throw new IllegalArgumentException("the checkpoint interval must be positive (TOCSIN_CHECKPOINT_INTERVAL)");
            }
        }
    }

    public ServerConfig(String host, int port, String database, Limits limits, java.util.List<String> corsOrigins) {
        this(host, port, database, limits, corsOrigins, Checkpoints.DEFAULT);
    }

    /**
     * Abuse limits per client address.
     *
     * @param authFailuresPerMinute failed authentications allowed before 429 (TOCSIN_AUTH_FAILURES, default 10:
     *                              enough for a fumbled paste, far too few to guess a 192-bit secret)
     * @param writesPerSecond       authenticated writes per second (TOCSIN_WRITES_PER_SECOND, default 50: an
     *                              operator console never needs more; a runaway script is stopped)
     */
    public record Limits(int authFailuresPerMinute, int writesPerSecond) {
        public static final Limits DEFAULT = new Limits(10, 50);

        public Limits {
            if (authFailuresPerMinute < 1 || writesPerSecond < 1) {
                throw new IllegalArgumentException("limits must be positive (TOCSIN_AUTH_FAILURES, TOCSIN_WRITES_PER_SECOND)");
            }
        }
    }

    public ServerConfig(String host, int port, String database) {
        this(host, port, database, Limits.DEFAULT, java.util.List.of());
    }

    public ServerConfig {
        corsOrigins = java.util.List.copyOf(corsOrigins);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty (TOCSIN_HOST / --host)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port + " (TOCSIN_PORT / --port)");
        }
        if (database == null || !(database.startsWith("sqlite:") || database.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException(
                    "database must be sqlite:PATH or jdbc:postgresql://…, got '" + database + "' (TOCSIN_DB / --db)");
        }
    }

    public static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
