package io.tocsin.push;

/**
 * One payload an encoder made of an event for one channel. {@code part} numbers the payloads of one event (an
 * event can concern several regions, and some channels send one payload per region); {@code key} is what the
 * transport addresses it by (an MQTT topic suffix, a region id), or null.
 */
public record Message(int part, String key, String contentType, byte[] body) {
}
