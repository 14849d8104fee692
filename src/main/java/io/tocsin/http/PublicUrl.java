package io.tocsin.http;

import io.tocsin.server.ServerConfig;
import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;

/**
 * The base URL every URL Tocsin writes into a payload starts with: the configured {@code public_url}, else
 * {@code http://<host>:<port>} of the listener. Never the request's {@code Host} header, which any client writes:
 * a feed's ids and links must not be whatever the last reader claimed the server is called.
 */
final class PublicUrl {
    private final String configured;
    private final String host;
    private final int port;

    PublicUrl(ServerConfig config) {
        this.configured = config.identity().publicUrl();
        this.host = urlHost(listenerName(config.host()));
        this.port = config.port();
    }

    /** The base URL, without a trailing slash; port 0 (any free one) is the port this request came in on. */
    String base(HttpServerRequest request) {
        if (configured != null) {
            return configured;
        }
        int actual = port != 0 ? port : request.localAddress().port();
        return "http://" + host + ":" + actual;
    }

    /** The host as the listener is known: the machine's name when it listens on every interface. */
    static String listenerName(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
        return host;
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
