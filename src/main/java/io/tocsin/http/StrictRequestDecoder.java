package io.tocsin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

import java.util.List;

/**
 * Vert.x's HTTP/1.x request decoder, minus two tolerances that RFC 9112 lets a server refuse and that a proxy in
 * front may read differently (request smuggling):
 * <ul>
 *   <li>both {@code Transfer-Encoding} and {@code Content-Length} (§6.1): refused rather than read by
 *       {@code Transfer-Encoding} alone;</li>
 *   <li>a folded header line (obs-fold, §5.2): refused rather than joined to the line before.</li>
 * </ul>
 * A refused request reaches Vert.x's invalid-request handler (see {@link InvalidRequests}), which answers 400; the
 * decoder discards everything after it and Vert.x closes the connection, so nothing after it is ever answered.
 */
public final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    /** The name Vert.x gives its decoder in the pipeline (its WebSocket and h2c upgrades find it by that name). */
    public static final String NAME = "httpDecoder";

    private final int maxHeaderBlock;
    /** True until a request's headers are decoded, and again once its last content is. */
    private boolean atMessageStart = true;
    private boolean refused;

    public StrictRequestDecoder(HttpServerOptions options) {
        super(options);
        this.maxHeaderBlock = options.getMaxInitialLineLength() + options.getMaxHeaderSize();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (refused) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (atMessageStart) {
            // The whole header block is looked at before Netty reads any of it (Netty would join a folded line).
            int end = headerBlockEnd(buffer);
            if (end < 0 && buffer.readableBytes() <= maxHeaderBlock) {
                return; // wait for the rest; the connection guard's header timeout bounds the wait
            }
            if (end >= 0 && folded(buffer, end)) {
                refuse(out, new Refusal("a folded header line (obs-fold, RFC 9112 §5.2)"));
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof HttpRequest) {
                atMessageStart = false;
            }
            if (o instanceof LastHttpContent) {
                atMessageStart = true;
            }
        }
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new Refusal("both Content-Length and Transfer-Encoding (RFC 9112 §6.1)");
    }

    private void refuse(List<Object> out, Refusal why) {
        refused = true;
        HttpMessage invalid = createInvalidMessage();
        invalid.setDecoderResult(DecoderResult.failure(why));
        out.add(invalid);
    }

    /** The index just past the blank line ending the header block (CRLF CRLF, or bare LFs), or -1. */
    private static int headerBlockEnd(ByteBuf b) {
        int from = b.readerIndex();
        int to = b.writerIndex();
        while (from < to && (b.getByte(from) == '\r' || b.getByte(from) == '\n')) {
            from++; // RFC 9112 §2.2: empty lines before a request are ignored
        }
        for (int i = from; i < to; i++) {
            if (b.getByte(i) == '\n') {
                int j = i + 1;
                if (j < to && b.getByte(j) == '\r') {
                    j++;
                }
                if (j < to && b.getByte(j) == '\n') {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    /** Whether a line after the request line, up to the blank one, starts with a space or a tab. */
    private static boolean folded(ByteBuf b, int end) {
        int i = b.readerIndex();
        while (i < end && (b.getByte(i) == '\r' || b.getByte(i) == '\n')) {
            i++;
        }
        for (; i < end - 1; i++) {
            if (b.getByte(i) == '\n') {
                byte next = b.getByte(i + 1);
                if (next == ' ' || next == '\t') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why a request was refused; read by {@link InvalidRequests}. A client's mistake: no stack is captured. */
    static final class Refusal extends IllegalArgumentException {
        Refusal(String what) {
            super(what, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
