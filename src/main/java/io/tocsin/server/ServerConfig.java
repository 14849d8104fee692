package io.tocsin.server;

import io.tocsin.config.Options;
import io.tocsin.config.Settings;

import io.tocsin.cap.mapping.CapPublishing;
import io.tocsin.compat.CompatOptions;

import java.util.List;

/**
 * Everything a server needs to start, validated once. The options themselves (names, defaults and the reasons for
 * them) are declared in {@link Options}; {@link #from(Settings)} makes this value from their resolved values, and
 * tests construct it directly.
 *
 * @param host           interface to listen on ({@link Options#HOST})
 * @param port           HTTP port, 0 for any free one ({@link Options#PORT})
 * @param database       {@code sqlite:PATH} or {@code jdbc:postgresql://…} ({@link Options#DB})
 * @param trustedProxies CIDRs of the proxies whose {@code Forwarded} / {@code X-Forwarded-For} header names the
 *                       client ({@link Options#TRUSTED_PROXIES})
 * @param identity       how the server names itself in what it writes: public URL and CAP sender
 * @param transport      event loops and epoll
 * @param compat         the compatibility APIs' anonymous reads and rate limits ({@link Options#COMPAT_ANONYMOUS},
 *                       {@link Options#COMPAT_PER_TOKEN}, {@link Options#COMPAT_PER_ADDRESS})
 * @param cap            what exported CAP says about its publisher and how long it holds (sender name, contact,
 *                       feed retention, expires horizon)
 * @param push           webhooks' SSRF allow-list and the MQTT bridge (docs/push.md)
 * @param cluster        the NATS server and lease of a cluster, or null for a node on its own (docs/cluster.md)
 */
public record ServerConfig(String host, int port, String database, Limits limits, List<String> corsOrigins,
                           Checkpoints checkpoints, Connections connections, List<String> trustedProxies,
                           Identity identity, Transport transport, CompatOptions compat,
                           CapPublishing cap, Push push, Cluster cluster, Sessions sessions) {
    public static final String DEFAULT_DB = Options.DB.dflt();

    /**
     * Signed checkpoints of the chain's head, kept outside the database (docs/architecture.md, tamper evidence).
     *
     * @param key               {@link Options#CHECKPOINT_KEY}, null for the default beside an SQLite file
     * @param file              {@link Options#CHECKPOINT_FILE}, null for the default
     * @param interval          {@link Options#CHECKPOINT_INTERVAL}
     * @param acceptBrokenChain {@link Options#ACCEPT_BROKEN_CHAIN} (a flag only)
     */
    public record Checkpoints(java.nio.file.Path key, java.nio.file.Path file, int interval, boolean acceptBrokenChain) {
        public static final Checkpoints DEFAULT = new Checkpoints(null, null, Options.CHECKPOINT_INTERVAL.dflt(),
                Options.ACCEPT_BROKEN_CHAIN.dflt());

        public Checkpoints {
            if (interval < 1) {
                throw new IllegalArgumentException("the checkpoint interval must be positive (TOCSIN_CHECKPOINT_INTERVAL)");
            }
        }
    }

    /**
     * Abuse limits.
     *
     * @param authFailuresPerMinute {@link Options#AUTH_FAILURES_PER_MINUTE}
     * @param writesPerSecond       {@link Options#WRITES_PER_SECOND}
     */
    public record Limits(int authFailuresPerMinute, int writesPerSecond) {
        public static final Limits DEFAULT = new Limits(Options.AUTH_FAILURES_PER_MINUTE.dflt(),
                Options.WRITES_PER_SECOND.dflt());

        public Limits {
            if (authFailuresPerMinute < 1 || writesPerSecond < 1) {
                throw new IllegalArgumentException("limits must be positive (" + Options.AUTH_FAILURES_PER_MINUTE.env()
                        + ", " + Options.WRITES_PER_SECOND.env() + ")");
            }
        }
    }

    /**
     * Bounds on connections, so that no client, and no crowd of them, can take the process to its descriptor limit:
     * past that the server can accept nothing, not even an operator issuing an alert or a load balancer's /health.
     *
     * @param max                  {@link Options#MAX_CONNECTIONS}; 0 is replaced by the value from the descriptor limit
     * @param reserve              {@link Options#RESERVE_CONNECTIONS}
     * @param perAddress           {@link Options#MAX_CONNECTIONS_PER_ADDRESS}
     * @param headerTimeoutSeconds {@link Options#HEADER_TIMEOUT}
     * @param idleTimeoutSeconds   {@link Options#IDLE_TIMEOUT}
     */
    public record Connections(int max, int reserve, int perAddress, int headerTimeoutSeconds, int idleTimeoutSeconds) {
        public static final Connections DEFAULT = new Connections(Options.MAX_CONNECTIONS.dflt(),
                Options.RESERVE_CONNECTIONS.dflt(), Options.MAX_CONNECTIONS_PER_ADDRESS.dflt(),
                Options.HEADER_TIMEOUT.dflt(), Options.IDLE_TIMEOUT.dflt());

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

    /**
     * How the server names itself in what it writes.
     *
     * @param publicUrl {@link Options#PUBLIC_URL}, without a trailing slash; null for the listener's own address
     * @param capSender {@link Options#CAP_SENDER}; null for {@code tocsin@<host>}
     */
    public record Identity(String publicUrl, String capSender) {
        public static final Identity DEFAULT = new Identity(null, null);

        public Identity {
            if (publicUrl != null) {
                publicUrl = Options.PUBLIC_URL.type().fromText().apply(publicUrl);
            }
        }
    }

    /**
     * Operator console sessions (io.tocsin.http.SessionResource).
     *
     * @param idleSeconds   {@link Options#SESSION_IDLE_TIMEOUT}
     * @param maxAgeSeconds {@link Options#SESSION_MAX_AGE}
     */
    public record Sessions(int idleSeconds, int maxAgeSeconds) {
        public static final Sessions DEFAULT = new Sessions(Options.SESSION_IDLE_TIMEOUT.dflt(),
                Options.SESSION_MAX_AGE.dflt());

        public Sessions {
            if (idleSeconds < 1 || maxAgeSeconds < 1) {
                throw new IllegalArgumentException("session timeouts must be positive ("
                        + Options.SESSION_IDLE_TIMEOUT.env() + ", " + Options.SESSION_MAX_AGE.env() + ")");
            }
        }
    }

    /**
     * How the HTTP servers run.
     *
     * @param eventLoops      {@link Options#EVENT_LOOPS}
     * @param nativeTransport {@link Options#NATIVE_TRANSPORT}
     */
    public record Transport(int eventLoops, boolean nativeTransport) {
        /** The defaults, with the event loops a test harness or a benchmark's child JVM asks for ({@code -D}). */
        public static final Transport DEFAULT = of(io.tocsin.config.Resolver.ofJvm());

        public Transport {
            if (eventLoops < 1) {
                throw new IllegalArgumentException("event loops must be positive (" + Options.EVENT_LOOPS.env() + ")");
            }
        }

        static Transport of(Settings s) {
            Integer loops = s.get(Options.EVENT_LOOPS);
            return new Transport(loops != null ? loops : Math.max(1, Runtime.getRuntime().availableProcessors()),
                    s.get(Options.NATIVE_TRANSPORT));
        }
    }

    /**
     * Push channels.
     *
     * @param webhookAllow {@link Options#WEBHOOK_ALLOW}: addresses or CIDRs the SSRF guard lets webhooks reach
     * @param mqtt         the MQTT bridge, or null when {@link Options#MQTT} is unset
     */
    public record Push(List<String> webhookAllow, Mqtt mqtt) {
        public static final Push DEFAULT = new Push(List.of(), null);

        public Push {
            webhookAllow = List.copyOf(webhookAllow);
            try {
                new io.tocsin.push.webhook.TargetGuard(webhookAllow);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (" + Options.WEBHOOK_ALLOW.env() + ")", e);
            }
        }

        static Push of(Settings s) {
            String url = s.get(Options.MQTT);
            return new Push(s.get(Options.WEBHOOK_ALLOW), url == null ? null : new Mqtt(url,
                    s.get(Options.MQTT_USERNAME), s.get(Options.MQTT_PASSWORD), s.get(Options.MQTT_DISCOVERY_PREFIX),
                    s.get(Options.MQTT_REGIONS)));
        }
    }

    /**
     * The MQTT bridge.
     *
     * @param url             {@link Options#MQTT}
     * @param username        {@link Options#MQTT_USERNAME}, or null
     * @param password        {@link Options#MQTT_PASSWORD}, or null
     * @param discoveryPrefix {@link Options#MQTT_DISCOVERY_PREFIX}
     * @param regions         {@link Options#MQTT_REGIONS}; empty for the 27 oblast-level units
     */
    public record Mqtt(String url, String username, String password, String discoveryPrefix, List<String> regions) {
        public Mqtt {
            regions = List.copyOf(regions);
            if (password != null && username == null) {
                throw new IllegalArgumentException("mqtt_password needs mqtt_username (" + Options.MQTT_USERNAME.env()
                        + ")");
            }
        }

        /** A broker at {@code url} with the defaults. */
        public static Mqtt at(String url) {
            return new Mqtt(url, null, null, Options.MQTT_DISCOVERY_PREFIX.dflt(), List.of());
        }
    }

    /**
     * A node of a cluster.
     *
     * @param nats  {@link Options#CLUSTER}
     * @param lease {@link Options#CLUSTER_LEASE}
     */
    public record Cluster(String nats, java.time.Duration lease) {
        public Cluster {
            nats = Options.CLUSTER.type().fromText().apply(nats);
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("the cluster lease must be positive (" + Options.CLUSTER_LEASE.env()
                        + ")");
            }
        }

        static Cluster of(Settings s) {
            String url = s.get(Options.CLUSTER);
            return url == null ? null : new Cluster(url, java.time.Duration.ofSeconds(s.get(Options.CLUSTER_LEASE)));
        }
    }

    /** The configuration the resolved options describe (flags, environment, file, defaults). */
    public static ServerConfig from(Settings s) {
        return new ServerConfig(s.get(Options.HOST), s.get(Options.PORT), s.get(Options.DB),
                new Limits(s.get(Options.AUTH_FAILURES_PER_MINUTE), s.get(Options.WRITES_PER_SECOND)),
                s.get(Options.CORS_ORIGINS),
                new Checkpoints(s.get(Options.CHECKPOINT_KEY), s.get(Options.CHECKPOINT_FILE),
                        s.get(Options.CHECKPOINT_INTERVAL), s.get(Options.ACCEPT_BROKEN_CHAIN)),
                new Connections(s.get(Options.MAX_CONNECTIONS), s.get(Options.RESERVE_CONNECTIONS),
                        s.get(Options.MAX_CONNECTIONS_PER_ADDRESS), s.get(Options.HEADER_TIMEOUT),
                        s.get(Options.IDLE_TIMEOUT)),
                s.get(Options.TRUSTED_PROXIES),
                new Identity(s.get(Options.PUBLIC_URL), s.get(Options.CAP_SENDER)),
                Transport.of(s), new CompatOptions(s.get(Options.COMPAT_ANONYMOUS), s.get(Options.COMPAT_PER_TOKEN),
                        s.get(Options.COMPAT_PER_ADDRESS)),
                new CapPublishing(s.get(Options.CAP_SENDER_NAME), s.get(Options.CAP_CONTACT),
                        java.time.Duration.ofHours(s.get(Options.CAP_FEED_RETENTION)),
                        java.time.Duration.ofMinutes(s.get(Options.CAP_EXPIRES_HORIZON))), Push.of(s), Cluster.of(s),
                new Sessions(s.get(Options.SESSION_IDLE_TIMEOUT), s.get(Options.SESSION_MAX_AGE)));
    }

    public ServerConfig(String host, int port, String database, Limits limits, List<String> corsOrigins,
                        Checkpoints checkpoints, Connections connections, List<String> trustedProxies) {
        this(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies, Identity.DEFAULT,
                Transport.DEFAULT, CompatOptions.DEFAULT, CapPublishing.DEFAULT, Push.DEFAULT, null,
                Sessions.DEFAULT);
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
        identity = identity == null ? Identity.DEFAULT : identity;
        transport = transport == null ? Transport.DEFAULT : transport;
        compat = compat == null ? CompatOptions.DEFAULT : compat;
        cap = cap == null ? CapPublishing.DEFAULT : cap;
        push = push == null ? Push.DEFAULT : push;
        sessions = sessions == null ? Sessions.DEFAULT : sessions;
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
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, c, trustedProxies, identity,
                transport, compat, cap, push, cluster, sessions);
    }

    /** The same configuration with other trusted proxies. */
    public ServerConfig withTrustedProxies(List<String> cidrs) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, cidrs, identity,
                transport, compat, cap, push, cluster, sessions);
    }

    /** The same configuration with another public URL and CAP sender. */
    public ServerConfig withIdentity(Identity i) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies, i,
                transport, compat, cap, push, cluster, sessions);
    }

    /** The same configuration with other compatibility API options. */
    public ServerConfig withCompat(CompatOptions c) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies,
                identity, transport, c, cap, push, cluster, sessions);
    }

    /** The same configuration with other CAP publishing options. */
    public ServerConfig withCap(CapPublishing c) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies,
                identity, transport, compat, c, push, cluster, sessions);
    }

    /**
     * Refuses a cluster on anything but PostgreSQL: checked when a server starts, not here, so that a file may
     * name both options for different deployments (the example file sets every key at once).
     */
    void requireClusterDatabase() {
        if (cluster != null && !database.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a cluster's nodes share one PostgreSQL log: --cluster needs --db "
                    + "jdbc:postgresql://… (" + Options.CLUSTER.env() + ", " + Options.DB.env() + ")");
        }
    }

    /** The same configuration as a node of a cluster (null: on its own). */
    public ServerConfig withCluster(Cluster c) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies,
                identity, transport, compat, cap, push, c, sessions);
    }

    /** The same configuration with other push channel options. */
    public ServerConfig withPush(Push p) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies,
                identity, transport, compat, cap, p, cluster, sessions);
    }

    /** The same configuration with other session timeouts. */
    public ServerConfig withSessions(Sessions x) {
        return new ServerConfig(host, port, database, limits, corsOrigins, checkpoints, connections, trustedProxies,
                identity, transport, compat, cap, push, cluster, x);
    }
}
