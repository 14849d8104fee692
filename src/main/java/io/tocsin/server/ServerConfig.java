package io.tocsin.server;

import java.util.List;

/**
 * Everything a server needs to start, validated once. Each option comes from a flag or an environment variable
 * (flag wins); see {@code tocsin serve --help} and the README.
 *
 * @param host           interface to listen on (TOCSIN_HOST, default 127.0.0.1: opening to the network is a decision)
 * @param port           HTTP port (TOCSIN_PORT, default 8080; 0 picks a free one)
 * @param database       {@code sqlite:PATH} or {@code jdbc:postgresql://…} (TOCSIN_DB, default sqlite:data/tocsin.db)
 * @param trustedProxies CIDRs of the proxies whose {@code Forwarded} / {@code X-Forwarded-For} header names the
 *                       client (TOCSIN_TRUSTED_PROXIES, default none: a header anyone can write is believed only from a
 *                       peer the operator vouched for; until then the direct peer is the client). Their connections
 *                       are also exempt from the per-address connection cap: one proxy carries many clients.
 */
public record ServerConfig(String host, int port, String database, Limits limits, List<String> corsOrigins,
                           Checkpoints checkpoints, Connections connections, List<String> trustedProxies) {
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

    /**
     * Abuse limits.
     *
     * @param authFailuresPerMinute failed authentications per client address per minute; past it that address's
     *                              failing attempts get 429, while a valid token from it is still served
     *                              (TOCSIN_AUTH_FAILURES, default 10: enough for a fumbled paste, far too few to
     *                              guess a 192-bit secret)
     * @param writesPerSecond       writes per token per second (TOCSIN_WRITES_PER_SECOND, default 50: an operator
     *                              console never needs more; a runaway script is stopped without touching the
     *                              other operators behind the same proxy)
     */
    public record Limits(int authFailuresPerMinute, int writesPerSecond) {
        public static final Limits DEFAULT = new Limits(10, 50);

        public Limits {
            if (authFailuresPerMinute < 1 || writesPerSecond < 1) {
                throw new IllegalArgumentException("limits must be positive (TOCSIN_AUTH_FAILURES, TOCSIN_WRITES_PER_SECOND)");
            }
        }
    }

    /**
     * Bounds on connections, so that no client, and no crowd of them, can take the process to its descriptor limit:
     * past that the server can accept nothing, not even an operator issuing an alert or a load balancer's /health.
     *
     * @param max                  connections served normally (TOCSIN_MAX_CONNECTIONS; 0, the default, means the
     *                             process's descriptor limit minus a headroom of min(1,000, limit/4) descriptors for
     *                             the JVM, the database and the log, minus {@code reserve}: with the usual 20,000 that
     *                             is 18,936, enough for the fan-out's 18,000 subscribers)
     * @param reserve              connections accepted past {@code max} that serve only /health, /ready and requests
     *                             carrying a token, one request each, others getting 503 (TOCSIN_RESERVE_CONNECTIONS,
     *                             default 64: room for operators and probes while the crowd is refused; past
     *                             max + reserve a connection is closed as soon as it is accepted)
     * @param perAddress           connections from one client address (TOCSIN_MAX_CONNECTIONS_PER_ADDRESS, default
     *                             512: a household, an office or a carrier's NAT share an address, one machine opening
     *                             thousands is a flood; trusted proxies are exempt)
     * @param headerTimeoutSeconds time from a request's first byte to the end of its headers, and for a request's body
     *                             once its headers are in (TOCSIN_HEADER_TIMEOUT, default 10: a real client sends a
     *                             few hundred bytes at once; a slow-loris client is closed)
     * @param idleTimeoutSeconds   time a connection may sit between requests (TOCSIN_IDLE_TIMEOUT, default 60: keeps
     *                             an operator console's connection warm, frees a forgotten one). Streams (SSE,
     *                             WebSocket) are exempt: their keep-alives keep them open.
     */
    public record Connections(int max, int reserve, int perAddress, int headerTimeoutSeconds, int idleTimeoutSeconds) {
        public static final Connections DEFAULT = new Connections(0, 64, 512, 10, 60);

        public Connections {
            if (max < 0 || reserve < 0 || perAddress < 1 || headerTimeoutSeconds < 1 || idleTimeoutSeconds < 1) {
                throw new IllegalArgumentException("connection limits must be positive (TOCSIN_MAX_CONNECTIONS, "
                        + "TOCSIN_RESERVE_CONNECTIONS, TOCSIN_MAX_CONNECTIONS_PER_ADDRESS, TOCSIN_HEADER_TIMEOUT, "
                        + "TOCSIN_IDLE_TIMEOUT)");
            }
            if (max == 0) {
                max = DescriptorLimit.connectionsBelow(reserve);
            }
        }
    }

    public ServerConfig(String host, int port, String database, Limits limits, List<String> corsOrigins) {
        this(host, port, database, limits, corsOrigins, Checkpoints.DEFAULT);
    }

    public ServerConfig(String host, int port, String database, Limits limits, List<String> corsOrigins,
                        Checkpoints checkpoints) {
        this(host, port, database, limits, corsOrigins, checkpoints, Connections.DEFAULT, List.of());
    }

    public ServerConfig(String host, int port, String database) {
        this(host, port, database, Limits.DEFAULT, List.of());
    }

    public ServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        trustedProxies = List.copyOf(trustedProxies);
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

    /** The same configuration with other connection bounds (tests and benchmarks size them to their load). */
    public ServerConfig withConnections(Connections c) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, c, trustedProxies);
    }

    /** The same configuration with other trusted proxies. */
    public ServerConfig withTrustedProxies(List<String> cidrs) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, cidrs);
    }

    public static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
