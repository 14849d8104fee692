package io.tocsin.compat.web;

import io.vertx.core.buffer.Buffer;

/**
 * One representation as served: its bytes (one buffer shared by every response) and its Last-Modified, in whole
 * seconds as HTTP dates have them.
 */
public record Rep(byte[] bytes, Buffer body, long lastModifiedSecond, String lastModified) {
}
