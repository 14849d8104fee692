package io.tocsin.push;

import java.util.List;

/**
 * Turns a log entry into what one format sends, independent of how it is carried (an HTTP POST, an MQTT publish):
 * the transport adds its own framing, signature or topic. An empty list means "nothing to send for this event";
 * the follower's cursor still moves past it.
 */
public interface PushEncoder {
    /** The format's name as subscriptions choose it ({@code json}, {@code ukrainealarm}). */
    String name();

    List<Message> encode(Entry entry);
}
