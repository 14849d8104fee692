package io.tocsin.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A response body made once and served many times: the bytes, the same gzip-compressed at the highest level (the
 * server compresses nothing on the fly; these bodies are compressed once, at start or first use), and a strong
 * {@code ETag} from their SHA-256, so a browser that has them revalidates with a {@code 304} and no body.
 *
 * @param cacheControl how long a browser may use the body without asking ({@code no-cache}: always revalidate)
 */
record CachedBody(Buffer plain, Buffer gzip, String etag, String contentType, String cacheControl, String vary) {
    /** Pages and scripts change with a release: the browser asks every time, and a 304 costs a few bytes. */
    static final String REVALIDATE = "no-cache";
    /** Map shapes change only when the shipped boundaries do: a day without asking, then the ETag decides. */
    static final String ONE_DAY = "public, max-age=86400";

    static CachedBody of(byte[] bytes, String contentType, String cacheControl) {
        return of(bytes, contentType, cacheControl, "Accept-Encoding");
    }

    /** @param vary the request headers the body depends on (a page's language follows Accept-Language) */
    static CachedBody of(byte[] bytes, String contentType, String cacheControl, String vary) {
        return new CachedBody(Buffer.buffer(bytes), Buffer.buffer(gzip(bytes)), etag(bytes), contentType, cacheControl,
                vary);
    }

    void send(RoutingContext ctx) {
        HttpServerResponse res = ctx.response();
        res.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.VARY, vary);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            res.setStatusCode(304).end();
            return;
        }
        res.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            res.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(gzip);
        } else {
            res.end(plain);
        }
    }

    private boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** gzip unless the client refuses it ({@code gzip;q=0}) or names only other codings. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                return !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
