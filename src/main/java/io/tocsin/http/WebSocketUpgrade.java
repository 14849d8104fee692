package io.tocsin.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.ssl.SslHandler;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The server side of the RFC 6455 opening handshake, done by Tocsin rather than by Vert.x: a stream subscriber
 * only ever receives, so after the 101 the connection needs nothing but a frame decoder for the client's pings and
 * close, and the pre-made event frames. Taking the socket out of Vert.x's hands drops its per-connection HTTP and
 * WebSocket objects (including a 4 KB cross-thread write queue per connection), which is most of what an idle
 * WebSocket subscriber costs.
 */
final class WebSocketUpgrade {
    /** RFC 6455 §1.3: the GUID appended to the client's key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Subscribers send only control frames (at most 125 bytes); anything much bigger is not a subscriber. */
    static final int MAX_INBOUND_FRAME = 4096;
    /** Vert.x's HTTP/1.x handlers, removed once the connection speaks WebSocket (its decoder is replaced). */
    private static final List<String> HTTP_HANDLERS = List.of("handler", "h2c", "idle", "chunkedWriter",
            "webSocketExtensionHandler", "inflater", "deflater", "httpEncoder");
    private static final String HTTP_DECODER = "httpDecoder";
    /** The whole pipeline after the switch (Netty lists its tail context too). */
    private static final List<String> WS_PIPELINE = List.of("wsDecoder", "wsEncoder", "tocsinWs",
            "DefaultChannelPipeline$TailContext#0");
    private static final Logger LOG = Logger.getLogger(WebSocketUpgrade.class.getName());

    private WebSocketUpgrade() {
    }

    /**
     * Checks the opening handshake and returns the {@code Sec-WebSocket-Accept} value; a bad handshake is a 400
     * problem (the server still answers with a body, so a client sees why).
     */
    static String accept(HttpServerRequest req) {
        if (req.version() != HttpVersion.HTTP_1_1) {
            throw bad("a WebSocket needs HTTP/1.1 (or use /api/v1/stream for Server-Sent Events)");
        }
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            throw bad("this endpoint speaks WebSocket: send Upgrade: websocket (or use /api/v1/stream for SSE)");
        }
        String connection = req.getHeader("Connection");
        if (connection == null || !hasToken(connection, "upgrade")) {
            throw bad("a WebSocket handshake needs Connection: Upgrade");
        }
        if (!"13".equals(req.getHeader("Sec-WebSocket-Version"))) {
            req.response().putHeader("Sec-WebSocket-Version", "13");
            throw bad("only WebSocket version 13 (RFC 6455) is supported");
        }
        String key = req.getHeader("Sec-WebSocket-Key");
        if (!validKey(key)) {
            throw bad("Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return acceptFor(key);
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /**
     * The request's socket, if Tocsin can take it over (plain HTTP/1.1 from Vert.x's connection); else null.
     */
    static Channel channelOf(HttpServerRequest req) {
        if (req.connection() instanceof ConnectionBase base) {
            Channel ch = base.channel();
            return ch.pipeline().get(SslHandler.class) == null ? ch : null;
        }
        return null;
    }

    /**
     * Switches the connection to WebSocket: Vert.x's HTTP handlers out, a frame codec and {@code socket} in, then
     * the 101 response. Must run on the channel's event loop, outside Vert.x's own handling of the request.
     *
     * @return true when the connection now speaks WebSocket; false when it could not be taken over (and is closed)
     */
    static boolean switchProtocols(Channel ch, String accept, RawWebSocket socket) {
        ChannelPipeline p = ch.pipeline();
        for (String name : HTTP_HANDLERS) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        WebSocket13FrameDecoder decoder = new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowExtensions(false).maxFramePayloadLength(MAX_INBOUND_FRAME)
                .closeOnProtocolViolation(true).build());
        // Replacing (not removing) the HTTP decoder hands any bytes it still holds to the WebSocket decoder.
        if (p.get(HTTP_DECODER) != null) {
            p.replace(HTTP_DECODER, "wsDecoder", decoder);
        } else {
            p.addLast("wsDecoder", decoder);
        }
        p.addLast("wsEncoder", new WebSocket13FrameEncoder(false));
        p.addLast("tocsinWs", socket);
        if (!p.names().equals(WS_PIPELINE)) {
            // Vert.x's handler names are not API: if a new version renames one, refuse rather than leave an HTTP
            // handler reading WebSocket frames (WebSocketHandshakeApiTest fails on this).
            LOG.severe("cannot take over the WebSocket connection, unexpected pipeline " + p.names());
            ch.close();
            return false;
        }
        // Vert.x may have paused reading while its request was in flight; the client's pings and close must get in.
        ch.config().setAutoRead(true);
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
        p.firstContext().writeAndFlush(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII)));
        return true;
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String t : header.split(",")) {
            if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static DomainException bad(String detail) {
        return new DomainException(Problem.BAD_HANDSHAKE, detail);
    }
}
