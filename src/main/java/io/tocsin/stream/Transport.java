package io.tocsin.stream;

import io.tocsin.domain.LoggedEvent;
import io.tocsin.json.EventJson;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A wire format for streamed events: each knows how to encode an event once into the bytes every subscriber gets. */
public enum Transport {
    /** Server-Sent Events: {@code id:} carries seq so browsers resume with Last-Event-ID. */
    SSE {
        @Override
        Buffer encode(LoggedEvent e) {
            String json = EventJson.writePublic(e).toString();
            return Buffer.buffer(("id: " + e.seq() + "\nevent: " + e.event().type().wire() + "\ndata: " + json + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    },
    /** WebSocket: one text message per event, the same JSON as SSE's data line. */
    WS {
        @Override
        Buffer encode(LoggedEvent e) {
            return Buffer.buffer(EventJson.writePublic(e).toString().getBytes(StandardCharsets.UTF_8));
        }
    };

    abstract Buffer encode(LoggedEvent e);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
