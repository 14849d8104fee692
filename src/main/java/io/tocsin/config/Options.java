package io.tocsin.config;

import io.tocsin.config.Option.Where;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every option of {@code tocsin serve}, declared once: name, type, default, description and the reason for the
 * default. Flags, environment variables, file keys, {@code --help}, docs/configuration.md and
 * docs/tocsin.example.toml are all made from this table (ConfigDocsTest keeps the two files in step).
 */
public final class Options {
    private static final List<Option<?>> DECLARED = new ArrayList<>();

    public static final Option<Path> CONFIG = declare(new Option<>("config", ValueType.path(), null, null, null,
            "a TOML file of options (keys as in this table); flags and environment variables override it",
            "every option has a default, so a file is only needed to change them",
            EnumSet.of(Where.FLAG, Where.ENV), List.of()));

    public static final Option<String> HOST = declare(new Option<>("host", ValueType.string("host name or address",
            ValueType::nonEmpty), "127.0.0.1", null, null,
            "interface to listen on; 0.0.0.0 or :: for every interface",
            "opening the server to the network is a decision, not an accident",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> PORT = declare(new Option<>("port", ValueType.integer(0, 65535), 8080, null,
            null, "HTTP port; 0 picks a free one",
            "the customary unprivileged HTTP port, so no root is needed",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> DB = declare(new Option<>("db", ValueType.string("database URL", Options::db),
            "sqlite:data/tocsin.db", null, null,
            "the database: sqlite:PATH, or jdbc:postgresql://HOST/NAME?user=… for several nodes sharing one log",
            "SQLite is embedded: nothing else to install or run before the first start",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> PUBLIC_URL = declare(new Option<>("public_url", ValueType.baseUrl(), null,
            "http://<host>:<port> of the listener (the machine's name when host is 0.0.0.0 or ::)",
            "https://alerts.example.org",
            "the base URL people and feed readers reach this server at; every URL Tocsin writes into a payload "
                    + "(the Atom feed's id and links, links to CAP messages, the OpenAPI document's server) starts with it",
            "the listener's own address, never the request's Host header, which any client writes: set it when "
                    + "a proxy or TLS terminator stands in front",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> CAP_SENDER = declare(new Option<>("cap_sender", ValueType.string(
            "CAP sender", Options::capSender), null,
            "tocsin@<host> (the machine's name when host is 0.0.0.0 or ::)", "tocsin@alerts.example.org",
            "the CAP <sender> of exported messages, which CAP references name: keep it the same for the life of "
                    + "the deployment; space, comma, < and & are dropped",
            "derived from the host so that a first start needs nothing; it is its own option, not derived from "
                    + "public_url, because references must survive a change of address",
            Option.EVERYWHERE, List.of(Alias.deprecatedProperty("tocsin.cap.sender"))));

    public static final Option<String> CAP_SENDER_NAME = declare(new Option<>("cap_sender_name", ValueType.string(
            "name", ValueType::nonEmpty), "Tocsin", null, null,
            "the CAP <senderName> of exported messages: the authority people see as the source",
            "a deployment names its authority (\"Київська ОВА\"); until then the software's name is honest",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> CAP_CONTACT = declare(new Option<>("cap_contact", ValueType.string(
            "contact", ValueType::nonEmpty), null, "none (no <contact>)", "+380 44 000 00 00, duty@alerts.example.org",
            "the CAP <contact> of exported messages: whom the public or a consumer reaches about them",
            "a contact is a promise someone answers; no default invents one",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> CAP_FEED_RETENTION = declare(new Option<>("cap_feed_retention",
            ValueType.integer(1, 24 * 30), 48, null, null,
            "hours each CAP message (alert, update, all-clear, cancel) stays in the CAP feeds after it was sent; "
                    + "an active alert's latest message stays while it is active; at least cap_expires_horizon",
            "Google Public Alerts asks that updated and cancelled messages stay 24-48 h, so a consumer that polls "
                    + "rarely still sees every all-clear",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> CAP_EXPIRES_HORIZON = declare(new Option<>("cap_expires_horizon",
            ValueType.integer(10, 7 * 24 * 60), 360, null, null,
            "minutes after a CAP message is sent that its <expires> lies for an alert without an earlier expiry; "
                    + "the server renews such an alert with an Update (an alert.updated event) when half of it is "
                    + "spent, so a consumer never drops a live alert",
            "long enough that a server stopped for a few hours does not let consumers drop live alerts, short "
                    + "enough that an alert nobody can vouch for any more lapses within hours",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> AUTH_FAILURES_PER_MINUTE = declare(new Option<>("auth_failures_per_minute",
            ValueType.integer(1, Integer.MAX_VALUE), 10, null, null,
            "failed authentications per client address per minute; past it that address's failing attempts get "
                    + "429, while a valid token from it is still served",
            "enough for a fumbled paste, far too few to guess a 192-bit secret",
            Option.EVERYWHERE, List.of(Alias.deprecatedEnv("TOCSIN_AUTH_FAILURES"))));

    public static final Option<Integer> WRITES_PER_SECOND = declare(new Option<>("writes_per_second",
            ValueType.integer(1, Integer.MAX_VALUE), 50, null, null,
            "authenticated writes per token per second",
            "an operator console never needs more; a runaway script is stopped without touching the other "
                    + "operators behind the same proxy",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> MAX_CONNECTIONS = declare(new Option<>("max_connections",
            ValueType.integer(0, Integer.MAX_VALUE), 0, null, null,
            "connections served normally; 0 = the process's descriptor limit minus a headroom of "
                    + "min(1000, limit/4) and minus reserve_connections",
            "no client, and no crowd of them, can take the process to its "
                    + "descriptor limit, past which it could accept nothing; with the usual 20,000 that is 18,936, "
                    + "enough for the fan-out's 18,000 subscribers",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> RESERVE_CONNECTIONS = declare(new Option<>("reserve_connections",
            ValueType.integer(0, Integer.MAX_VALUE), 64, null, null,
            "connections accepted past max_connections that serve only /health, /ready and requests carrying a "
                    + "token, one request each, others getting 503",
            "room for operators and probes while a crowd is refused; past max + reserve a connection is "
                    + "closed as soon as it is accepted",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> MAX_CONNECTIONS_PER_ADDRESS = declare(new Option<>(
            "max_connections_per_address", ValueType.integer(1, Integer.MAX_VALUE), 512, null, null,
            "connections from one client address; trusted proxies are exempt",
            "a household, an office or a carrier's NAT share an address, one machine opening thousands is "
                    + "a flood",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> HEADER_TIMEOUT = declare(new Option<>("header_timeout",
            ValueType.integer(1, Integer.MAX_VALUE), 10, null, null,
            "seconds from a request's first byte to the end of its headers, and then for its body",
            "a real client sends a few hundred bytes at once; a slow-loris client is closed",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> IDLE_TIMEOUT = declare(new Option<>("idle_timeout",
            ValueType.integer(1, Integer.MAX_VALUE), 60, null, null,
            "seconds a connection may wait between requests; streams (SSE, WebSocket) are exempt",
            "keeps an operator console's connection warm, frees a forgotten one",
            Option.EVERYWHERE, List.of()));

    public static final Option<List<String>> TRUSTED_PROXIES = declare(new Option<>("trusted_proxies",
            ValueType.strings(), List.of(), null, List.of("10.0.0.0/8", "192.168.1.10/32"),
            "CIDRs of the proxies whose Forwarded / X-Forwarded-For header names the client; their connections "
                    + "are exempt from the per-address cap (one proxy carries many clients)",
            "a header anyone can write is believed only from a peer the operator vouched for; until then "
                    + "the direct peer is the client",
            Option.EVERYWHERE, List.of()));

    public static final Option<List<String>> CORS_ORIGINS = declare(new Option<>("cors_origins",
            ValueType.strings(), List.of(), null, List.of("https://map.example.org"),
            "origins allowed to read the API from a browser; CORS is off when empty",
            "no other site's pages may read the API until the operator names them",
            Option.EVERYWHERE, List.of(Alias.deprecatedFlag("--cors-origin"))));

    public static final Option<Path> CHECKPOINT_KEY = declare(new Option<>("checkpoint_key", ValueType.path(), null,
            "beside an SQLite database (<db file>.checkpoint-key, made 0600 on first start); required for PostgreSQL",
            Path.of("/var/lib/tocsin/checkpoint-key"),
            "a PKCS#8 Ed25519 private key that signs checkpoints of the chain's head, made if absent",
            "beside the SQLite file so a first start needs nothing; PostgreSQL has no file to stand beside, and a "
                    + "default would give each node a new key unnoticed",
            Option.EVERYWHERE, List.of()));

    public static final Option<Path> CHECKPOINT_FILE = declare(new Option<>("checkpoint_file", ValueType.path(),
            null, "beside an SQLite database (<db file>.checkpoints), else the key's path + .checkpoints",
            Path.of("/var/lib/tocsin/checkpoints"),
            "where signed checkpoints are appended, one JSON line each",
            "next to what it checks, outside the database: a rewrite of the database cannot rewrite it too",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> CHECKPOINT_INTERVAL = declare(new Option<>("checkpoint_interval",
            ValueType.integer(1, Integer.MAX_VALUE), 100, null, null,
            "events between signed checkpoints",
            "at most that many events can be cut off the tail unseen; one signature and one fsync per "
                    + "interval, off the writer's thread",
            Option.EVERYWHERE, List.of()));

    public static final Option<Boolean> ACCEPT_BROKEN_CHAIN = declare(new Option<>("accept_broken_chain",
            ValueType.bool(), false, null, null,
            "start even though the log fails its audit (broken chain, lost tail, unreadable event); logged as "
                    + "SEVERE at every start",
            "off, and a flag only (no environment variable, no file key): an override must be asked for at the "
                    + "start that needs it, not left behind in a file",
            EnumSet.of(Where.FLAG), List.of()));

    public static final Option<Integer> EVENT_LOOPS = declare(new Option<>("event_loops",
            ValueType.integer(1, 1024), null, "the number of cores", 4,
            "HTTP servers sharing the port, each on its own event loop and fanning out its own share of the "
                    + "stream subscribers",
            "every core serves; the test harness sets two (-Dtocsin.eventLoops=2) so tests see "
                    + "cross-loop fan-out even on one core",
            Option.EVERYWHERE, List.of(Alias.harnessProperty("tocsin.eventLoops"))));

    public static final Option<Boolean> NATIVE_TRANSPORT = declare(new Option<>("native_transport",
            ValueType.bool(), true, null, null,
            "Linux epoll instead of Java NIO (NIO anyway where epoll is unavailable)",
            "fewer layers per socket write, and the stream fan-out writes to a connection's descriptor "
                    + "directly; false rules the transport out when diagnosing",
            Option.EVERYWHERE, List.of(Alias.deprecatedProperty("tocsin.nativeTransport"))));

    public static final Option<Boolean> COMPAT_ANONYMOUS = declare(new Option<>("compat_anonymous",
            ValueType.bool(), false, null, null,
            "serve the alerts.in.ua and ukrainealarm compatibility APIs (docs/compat.md) without a token",
            "opening a read API to everyone is a decision; Home Assistant's integration sends no key, so a server "
                    + "for it turns this on",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> COMPAT_PER_TOKEN = declare(new Option<>("compat_per_token",
            ValueType.integer(1, Integer.MAX_VALUE), 600, null, null,
            "compatibility API requests per token per minute; past it 429 with Retry-After",
            "Home Assistant polls 5 regions every 10 s (30 a minute), the official alerts.in.ua client spends two "
                    + "requests per change, JAAM's server polls every 3 s: each has a wide margin, a runaway loop "
                    + "is stopped",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> COMPAT_PER_ADDRESS = declare(new Option<>("compat_per_address",
            ValueType.integer(1, Integer.MAX_VALUE), 600, null, null,
            "compatibility API requests without a valid token per client address per minute (requests with a "
                    + "valid token count against the token only)",
            "anonymous Home Assistant installations behind one carrier NAT share an address: twenty of them fit",
            Option.EVERYWHERE, List.of()));

    public static final Option<List<String>> WEBHOOK_ALLOW = declare(new Option<>("webhook_allow",
            ValueType.strings(), List.of(), null, List.of("10.20.0.0/16", "192.168.1.40"),
            "addresses or CIDRs webhooks may be delivered to although the SSRF guard would refuse them "
                    + "(loopback, private, link-local, carrier-grade NAT, unique-local)",
            "a webhook must not make the server reach what only the server can reach (its own admin ports, the "
                    + "cloud's metadata service, the office network); a receiver on such an address is a decision "
                    + "the operator writes down",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> MQTT = declare(new Option<>("mqtt", ValueType.string("broker URL",
            Options::mqttUrl), null, "off", "tcp://127.0.0.1:1883",
            "an MQTT broker to publish to (tcp:// or ssl:// for TLS): availability, retained state per region, "
                    + "every event, the 27-character oblast string and Home Assistant discovery (docs/push.md)",
            "off until named: a broker is another service to run",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> MQTT_USERNAME = declare(new Option<>("mqtt_username",
            ValueType.string("user name", ValueType::nonEmpty), null, "none", "tocsin",
            "the user name Tocsin gives the broker",
            "brokers open to anonymous clients need none",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> MQTT_PASSWORD = declare(new Option<>("mqtt_password",
            ValueType.string("password", ValueType::nonEmpty), null, "none", "change-me",
            "the password for mqtt_username (prefer the environment variable to a file)",
            "only with a user name",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> MQTT_DISCOVERY_PREFIX = declare(new Option<>("mqtt_discovery_prefix",
            ValueType.string("topic prefix", ValueType::nonEmpty), "homeassistant", null, null,
            "the Home Assistant discovery prefix; its <prefix>/status topic saying online makes Tocsin republish "
                    + "the configs",
            "Home Assistant's own default, so regions appear in it without configuring anything",
            Option.EVERYWHERE, List.of()));

    public static final Option<List<String>> MQTT_REGIONS = declare(new Option<>("mqtt_regions",
            ValueType.strings(), List.of(), "the 27 oblast-level units", List.of("UA-32", "UA-80"),
            "regions that get a Home Assistant binary sensor and a retained state even while quiet",
            "every oblast-level unit: a household adds its hromada, not the whole country's 1,772",
            Option.EVERYWHERE, List.of()));

    public static final Option<String> CLUSTER = declare(new Option<>("cluster", ValueType.string("NATS URL",
            Options::natsUrl), null, "off (one node)", "nats://127.0.0.1:4222",
            "join a cluster: carry every committed event to the other nodes over this NATS server's JetStream, and "
                    + "run expiry, push channels and checkpoint signing once per cluster under a lease; needs a "
                    + "PostgreSQL db shared by every node (docs/cluster.md)",
            "off until named: one node needs no broker, and nodes sharing a PostgreSQL log converge without it, "
                    + "only within the follower's 250 ms",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> CLUSTER_LEASE = declare(new Option<>("cluster_lease",
            ValueType.integer(1, 600), 10, null, null,
            "seconds a node holds the lease of once-per-cluster work without renewing it; a dead holder's duties "
                    + "move to another node within this (renewed every third of it)",
            "long enough that a garbage-collection pause or a slow database round-trip does not move the duties, "
                    + "short enough that expiry and webhooks stop for seconds, not minutes, when a node dies",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> SESSION_IDLE_TIMEOUT = declare(new Option<>("session_idle_timeout",
            ValueType.integer(60, Integer.MAX_VALUE), 1800, null, null,
            "seconds an operator console's session may go without a request before it must sign in again "
                    + "(its open stream does not count as use)",
            "a console left open on an unattended desk stops being able to issue alerts within half an hour",
            Option.EVERYWHERE, List.of()));

    public static final Option<Integer> SESSION_MAX_AGE = declare(new Option<>("session_max_age",
            ValueType.integer(60, Integer.MAX_VALUE), 43200, null, null,
            "seconds after sign-in that an operator console's session ends however busy it is",
            "one twelve-hour shift: the next shift signs in with its own token",
            Option.EVERYWHERE, List.of()));

    /** Every option, in the order the docs list them. */
    public static final List<Option<?>> ALL = Collections.unmodifiableList(DECLARED);

    private Options() {
    }

    private static <T> Option<T> declare(Option<T> o) {
        DECLARED.add(o);
        return o;
    }

    /** The option with this file key. */
    public static Optional<Option<?>> byName(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The option an environment variable (canonical or alias) names. */
    public static Optional<Option<?>> byEnv(String variable) {
        return ALL.stream().filter(o -> (o.settable(Where.ENV) && o.env().equals(variable))
                || o.aliases(Alias.Kind.ENV).stream().anyMatch(a -> a.name().equals(variable))).findFirst();
    }

    /** The closest file key to a mistyped one, for "did you mean". */
    public static Optional<String> nearest(String key) {
        return ALL.stream().map(Option::name)
                .min(java.util.Comparator.comparingInt(n -> distance(n, key)))
                .filter(n -> distance(n, key) <= Math.max(2, key.length() / 3));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        Arrays.setAll(prev, i -> i);
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String db(String url) {
        if (!(url.startsWith("sqlite:") || url.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("expected sqlite:PATH or jdbc:postgresql://…, got '" + url + "'");
        }
        return url;
    }

    private static String mqttUrl(String url) {
        if (!url.matches("(tcp|ssl)://[^/\\s]+(:\\d+)?/?")) {
            throw new IllegalArgumentException("expected tcp://HOST:PORT or ssl://HOST:PORT, got '" + url + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String natsUrl(String url) {
        if (!url.matches("(nats|tls)://[^/\\s,]+(,(nats|tls)://[^/\\s,]+)*")) {
            throw new IllegalArgumentException("expected nats://HOST:PORT (several separated by commas), got '"
                    + url + "'");
        }
        return url;
    }

    private static String capSender(String sender) {
        String s = sender.replaceAll("[\\s,<&]", "");
        return ValueType.nonEmpty(s);
    }

    /** Options a file may hold. */
    public static Set<String> fileKeys() {
        return ALL.stream().filter(o -> o.settable(Where.FILE)).map(Option::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
