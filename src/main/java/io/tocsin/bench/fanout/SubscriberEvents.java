package io.tocsin.bench.fanout;

/** What the stream scanners ({@link SseScanner}, {@link WsFrameParser}) report to their subscriber socket. */
interface SubscriberEvents {
    /** An event whose first byte came in the read at {@code at} (System.nanoTime()). */
    void event(long at);

    /** The id of the event just reported ({@code id:} line or JSON {@code "seq":}), -1 when it carries none. */
    void eventId(long id);
}
