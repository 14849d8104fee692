package io.tocsin.push.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: a webhook may not make this server reach what only this server can reach. Loopback, private,
 * link-local (with the cloud metadata address 169.254.169.254), carrier-grade NAT, unique-local, multicast and
 * reserved addresses are refused unless the operator allow-listed them ({@code webhook_allow}: addresses or CIDRs).
 * The name is resolved, and every address it resolves to checked, when the subscription is made and again before
 * every connection; the connection then goes to exactly the address checked, so a name that changes its answer
 * (DNS rebinding) cannot slip through between check and connect. Redirects are never followed (a 3xx is a failed
 * delivery), so a permitted receiver cannot forward the request inward either.
 */
public final class TargetGuard {
    private final List<Cidr> allowed;

    public TargetGuard(List<String> allow) {
        this.allowed = allow.stream().map(Cidr::parse).toList();
    }

    /** A target the guard refused; the message says which address and why. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The target's parts as the sender needs them. */
    public record Target(URI uri, String host, int port, boolean tls, String pathAndQuery) {
    }

    /** Checks the URL's form (absolute http or https, a host, no user info, no fragment). */
    public static Target parse(String url) throws Refused {
        URI u;
        try {
            u = new URI(url);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new Refused("not a URL: " + url);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("the URL must be http:// or https://");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new Refused("the URL has no host");
        }
        if (u.getRawUserInfo() != null) {
            throw new Refused("the URL may not carry a user name or password");
        }
        if (u.getRawFragment() != null) {
            throw new Refused("the URL may not have a fragment");
        }
        boolean tls = scheme.equals("https");
        int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
        String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        return new Target(u, host, port, tls, path);
    }

    /**
     * Resolves the target's host now and returns the address to connect to, if every address it resolves to is
     * permitted. Blocks on DNS: call off the event loop.
     */
    public InetAddress resolve(Target t) throws Refused {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(t.host());
        } catch (UnknownHostException e) {
            throw new Refused("the host " + t.host() + " does not resolve");
        }
        for (InetAddress a : all) {
            String why = refusal(a);
            if (why != null) {
                throw new Refused(t.host() + " resolves to " + a.getHostAddress() + ", " + why
                        + "; not allowed unless listed in webhook_allow");
            }
        }
        return all[0];
    }

    /** Why this address is refused, or null when it is permitted. */
    String refusal(InetAddress a) {
        for (Cidr c : allowed) {
            if (c.contains(a)) {
                return null;
            }
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (where cloud metadata services live)";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return "a reserved address";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "a carrier-grade NAT address";
            }
            if ((first == 198 && (second == 18 || second == 19)) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)) {
                return "a reserved address";
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local address";
            }
            if (isMappedOrCompatible(b)) {
                return "an IPv4 address inside IPv6";
            }
        }
        return null;
    }

    private static boolean isMappedOrCompatible(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    /** An address or a CIDR block from the allow list. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            byte[] net;
            try {
                // Only literal addresses: a name here would be resolved once and trusted forever.
                if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("webhook_allow takes addresses or CIDRs, not names: " + text);
                }
                net = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + text);
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : net.length * 8;
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(net, bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
