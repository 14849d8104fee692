package io.tocsin.http;

import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who the client is, for per-client limits. The direct peer, unless that peer is a trusted proxy: then the
 * nearest address in {@code Forwarded} (RFC 7239) or else {@code X-Forwarded-For} that is not itself a trusted
 * proxy, read from the right, since each proxy appends what it saw and only the part our own proxies wrote can be
 * believed. A request from an untrusted peer never gets to choose its address.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest req, TrustedProxies trusted) {
        var remote = req.remoteAddress();
        String peer = remote == null ? "unknown" : remote.hostAddress();
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        List<String> hops = forwarded(req.getHeader("Forwarded"));
        if (hops.isEmpty()) {
            hops = xForwardedFor(req.getHeader("X-Forwarded-For"));
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            byte[] literal = TrustedProxies.literal(hop);
            if (literal == null) {
                // "unknown" or an obfuscated identifier: the chain cannot be followed further; use what we know.
                return peer;
            }
            if (!trusted.contains(hop)) {
                return normal(hop);
            }
            peer = normal(hop);
        }
        return peer;
    }

    /** The {@code for=} values of a Forwarded header, in order. */
    static List<String> forwarded(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                    out.add(stripPort(unquote(pair.substring(eq + 1).trim())));
                }
            }
        }
        return out;
    }

    static List<String> xForwardedFor(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String hop : header.split(",")) {
            if (!hop.isBlank()) {
                out.add(stripPort(hop.trim()));
            }
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** "[2001:db8::1]:4711" → "[2001:db8::1]", "192.0.2.1:80" → "192.0.2.1"; a bare IPv6 stays as it is. */
    private static String stripPort(String v) {
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(0, end + 1) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && colon == v.lastIndexOf(':') ? v.substring(0, colon) : v;
    }

    /** One spelling per address, so "[::1]" and "::1" count as the same client. */
    private static String normal(String hop) {
        try {
            return java.net.InetAddress.getByAddress(TrustedProxies.literal(hop)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return hop;
        }
    }
}
