package io.tocsin.compat.web;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Last-Modified of each representation, moved only when its bytes change, so a client's
 * {@code If-Modified-Since} is answered 304 exactly when it already has these bytes. HTTP dates have whole seconds:
 * a change within the second of the previous one would get the same date and a client holding the older bytes would
 * be told "not modified", so such a change takes the next second instead (never a false 304; the date may run a
 * second or two ahead of the clock while changes come faster than one a second).
 */
public final class Revisions {
    private final Map<String, Rep> last = new ConcurrentHashMap<>();

    /** The representation of {@code key} with these bytes, as of {@code nowSecond} (epoch seconds). */
    public Rep revise(String key, byte[] bytes, long nowSecond) {
        return last.compute(key, (k, old) -> {
            if (old != null && Arrays.equals(old.bytes(), bytes)) {
                return old;
            }
            long second = old == null ? nowSecond : Math.max(nowSecond, old.lastModifiedSecond() + 1);
            return new Rep(bytes, body(bytes), second, HttpDates.format(second));
        });
    }

    /** Bodies from this size on are kept in direct memory, which the socket writes from without a copy. */
    static final int DIRECT_FROM = 4096;

    private static Buffer body(byte[] bytes) {
        if (bytes.length < DIRECT_FROM) {
            return Buffer.buffer(bytes);
        }
        // Freed by the GC with the last Rep that holds it (no reference count: every response shares it).
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return io.vertx.core.internal.buffer.BufferInternal.buffer(
                io.netty.buffer.Unpooled.unreleasableBuffer(io.netty.buffer.Unpooled.wrappedBuffer(direct)));
    }
}
