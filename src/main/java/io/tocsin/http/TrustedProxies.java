package io.tocsin.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured proxies (CIDRs, e.g. {@code 10.0.0.0/8}, {@code ::1/128}, or a single address) whose forwarding
 * headers are believed. Literal addresses only: a host name would make every request depend on DNS.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses CIDRs; a malformed one is a configuration error that names it. */
    public static TrustedProxies parse(List<String> cidrs) {
        List<Block> out = new ArrayList<>();
        for (String raw : cidrs) {
            String c = raw.trim();
            if (c.isEmpty()) {
                continue;
            }
            int slash = c.indexOf('/');
            String addr = slash < 0 ? c : c.substring(0, slash);
            byte[] network = literal(addr);
            if (network == null) {
                throw new IllegalArgumentException("trusted proxy '" + raw + "' is not an IP address or CIDR (TOCSIN_TRUSTED_PROXIES)");
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(c.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("trusted proxy '" + raw + "' has a bad prefix length (TOCSIN_TRUSTED_PROXIES)");
            }
            out.add(new Block(network, prefix));
        }
        return new TrustedProxies(out);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(InetAddress a) {
        return a != null && contains(a.getAddress());
    }

    boolean contains(String address) {
        byte[] a = literal(address);
        return a != null && contains(a);
    }

    private boolean contains(byte[] a) {
        for (Block b : blocks) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of a literal IPv4 or IPv6 address (brackets allowed), or null; never a DNS lookup. */
    static byte[] literal(String s) {
        if (s == null) {
            return null;
        }
        String a = s.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || !(a.indexOf(':') >= 0 || a.chars().allMatch(ch -> ch == '.' || (ch >= '0' && ch <= '9')))) {
            return null;
        }
        if (a.indexOf(':') < 0 && a.chars().filter(ch -> ch == '.').count() != 3) {
            return null;
        }
        if (!a.chars().allMatch(ch -> ch == '.' || ch == ':' || Character.digit(ch, 16) >= 0)) {
            return null;
        }
        try {
            // Only literals reach this (checked above), so getByName does not resolve anything.
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
