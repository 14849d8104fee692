package io.tocsin.bench.fanout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One server under measurement: where subscribers connect, where an event is published, and how.
 *
 * <p>A Tocsin target subscribes to {@code /api/v1/stream} (SSE) or {@code /api/v1/ws} (WebSocket) and publishes by
 * issuing an alert ({@code POST /api/v1/alerts} with a bearer token). A peer target (nchan, the raw NIO floor, any
 * SSE/WebSocket pub/sub server) subscribes with a GET on its subscribe URL and publishes by POSTing a message to its
 * publish URL.
 *
 * @param name      label in the report, e.g. {@code tocsin}, {@code floor}, {@code nchan}
 * @param tocsin    true for Tocsin (alert API), false for a generic pub/sub peer
 * @param transport how subscribers connect
 * @param subscribe the subscribe URL (http://, loopback only)
 * @param publish   the publish URL (http://, loopback only)
 * @param token     Tocsin's bearer token (null for peers)
 */
public record Target(String name, boolean tocsin, Transport transport, URI subscribe, URI publish, String token) {

    /** How a subscriber connects. */
    public enum Transport {
        SSE, WS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Transport parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "sse" -> SSE;
                case "ws", "websocket" -> WS;
                default -> throw new IllegalArgumentException("transport must be sse or ws, not '" + s + "'");
            };
        }
    }

    /** The body Tocsin is asked to issue each round. */
    static final String ALERT_BODY = "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}";

    public Target {
        requireLoopback(subscribe);
        requireLoopback(publish);
    }

    /**
     * A Tocsin server at {@code base} (e.g. http://127.0.0.1:8080). {@code query} (may be empty) is appended to the
     * subscribe URL, e.g. {@code regions=UA-32}.
     */
    public static Target tocsin(String name, URI base, String token, Transport transport, String query) {
        String b = base.toString().replaceAll("/+$", "");
        String path = transport == Transport.SSE ? "/api/v1/stream" : "/api/v1/ws";
        String q = query == null || query.isBlank() ? "" : "?" + query;
        return new Target(name, true, transport, URI.create(b + path + q), URI.create(b + "/api/v1/alerts"), token);
    }

    /**
     * Parses a peer: {@code NAME[@sse|@ws]=SUB_URL[,PUB_URL]}; the publish URL defaults to the subscribe URL (the
     * raw floor takes GET and POST on one URL), the transport to {@code dflt}.
     */
    public static Target parsePeer(String spec, Transport dflt) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("a peer is NAME[@sse|@ws]=SUB_URL[,PUB_URL], not '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        Transport t = dflt;
        int at = name.indexOf('@');
        if (at > 0) {
            t = Transport.parse(name.substring(at + 1));
            name = name.substring(0, at);
        }
        String[] urls = spec.substring(eq + 1).split(",", 2);
        URI sub = URI.create(urls[0].trim());
        URI pub = URI.create(urls.length > 1 ? urls[1].trim() : urls[0].trim());
        return new Target(name, false, t, sub, pub, null);
    }

    /** The label with the transport, e.g. {@code nchan/ws}. */
    public String label() {
        return name + "/" + transport.wire();
    }

    InetSocketAddress subscribeAddress() {
        return address(subscribe);
    }

    InetSocketAddress publishAddress() {
        return address(publish);
    }

    /** The request each subscriber sends: an SSE GET or a WebSocket upgrade ({@code %KEY%} is filled per socket). */
    String subscribeRequest() {
        String head = "GET " + pathAndQuery(subscribe) + " HTTP/1.1\r\nHost: " + hostPort(subscribe) + "\r\n";
        return switch (transport) {
            case SSE -> head + "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
            case WS -> head + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %KEY%\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
        };
    }

    /** The publish request for one round; {@code round} makes peer messages distinct. */
    byte[] publishRequest(int round, int messageBytes) {
        byte[] body;
        String extra;
        if (tocsin) {
            body = ALERT_BODY.getBytes(StandardCharsets.UTF_8);
            extra = "Authorization: Bearer " + token + "\r\n";
        } else {
            body = peerMessage(round, messageBytes);
            extra = "";
        }
        String head = "POST " + pathAndQuery(publish) + " HTTP/1.1\r\nHost: " + hostPort(publish) + "\r\n"
                + "Content-Type: application/json\r\n" + extra + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** A one-line JSON message of exactly {@code size} bytes (at least its fixed part), carrying a seq. */
    static byte[] peerMessage(int round, int size) {
        String start = "{\"seq\":" + round + ",\"type\":\"bench\",\"pad\":\"";
        String end = "\"}";
        StringBuilder sb = new StringBuilder(start);
        while (sb.length() + end.length() < size) {
            sb.append('x');
        }
        return sb.append(end).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String pathAndQuery(URI u) {
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
    }

    private static String hostPort(URI u) {
        return u.getHost() + ":" + port(u);
    }

    private static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : 80;
    }

    private static InetSocketAddress address(URI u) {
        try {
            return new InetSocketAddress(InetAddress.getByName(u.getHost()), port(u));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + u, e);
        }
    }

    /** Load tests stay on this machine: anything but http:// on 127.0.0.0/8 is refused. */
    private static void requireLoopback(URI u) {
        if (u == null || !"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("need an http:// URL on 127.0.0.0/8, got '" + u + "'");
        }
        InetAddress a = address(u).getAddress();
        if (!a.isLoopbackAddress() || a.getAddress().length != 4) {
            throw new IllegalArgumentException("load tests stay on 127.0.0.0/8; refusing " + u);
        }
    }
}
