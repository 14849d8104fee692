package io.tocsin.cap;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Fetches the CAP message an index feed links to. The feed validator never fetches anything by itself: without a
 * resolver, linked messages are simply not validated. Supply one only where fetching is wanted (an importer with its
 * own HTTP client, allow-list and timeouts; a test with canned files).
 */
@FunctionalInterface
public interface CapLinkResolver {

    /** The bytes of the message at {@code link}, or empty when it cannot be had. */
    Optional<byte[]> fetch(URI link) throws IOException;
}
