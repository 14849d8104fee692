package io.tocsin.web;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A page on another origin (its own port on 127.0.0.1: the same site as the console, so the browser sends the
 * console's SameSite=Strict cookie with its requests) whose script tries to write to the console's API with the
 * operator's cookie. When done it sets its title to "done" and what it saw.
 */
final class OtherOrigin implements AutoCloseable {
    private final HttpServer server;

    private OtherOrigin(HttpServer server) {
        this.server = server;
    }

    static OtherOrigin serving(String target, String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String page = """
                    <!doctype html><html><head><title>working</title></head><body><script>
                    const target = %s, body = %s, seen = [];
                    const attempt = opts => fetch(target + '/api/v1/alerts', Object.assign({ method: 'POST',
                        credentials: 'include', body }, opts)).then(r => seen.push(r.type + ' ' + r.status),
                        e => seen.push('failed'));
                    attempt({ mode: 'no-cors', headers: { 'Content-Type': 'text/plain' } })
                      .then(() => attempt({ headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'guess' } }))
                      .then(() => { document.title = 'done ' + seen.join(', '); });
                    </script></body></html>""".formatted(quote(target), quote(body));
            server.createContext("/", ex -> {
                byte[] b = page.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            server.start();
            return new OtherOrigin(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
