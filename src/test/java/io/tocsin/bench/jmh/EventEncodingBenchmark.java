package io.tocsin.bench.jmh;

import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.json.EventJson;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encoding one event for the wire, done once per event and transport by the hub (not per subscriber). The SSE
 * encoder ({@code io.tocsin.stream.Transport.SSE}) is package-private; this replicates its work exactly through the
 * public API: {@code EventJson.writePublic(e).toString()}, the {@code id:/event:/data:} framing, UTF-8 bytes, one
 * Vert.x buffer. {@code ws} is the WebSocket encoder's work (the JSON alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class EventEncodingBenchmark {
    LoggedEvent event;

    @Setup
    public void setUp() {
        Instant at = Instant.parse("2026-11-25T15:06:12.123456Z");
        Alert a = new Alert("019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b", List.of("UA-32"), Threat.AIR_RAID,
                Threat.Subtype.DRONES, Stage.ALERT, Status.ACTUAL,
                new Texts("Загроза ударних БпЛА", "Attack drone threat", "", ""), "a1b2c3d4e5f6", at, at, null, null,
                null);
        event = new LoggedEvent(123_456, new Event(EventType.ISSUED, at, "a1b2c3d4e5f6", a),
                "0".repeat(64), "f".repeat(64));
    }

    @Benchmark
    public Buffer sse() {
        return sseFrame(event);
    }

    @Benchmark
    public Buffer ws() {
        return Buffer.buffer(EventJson.writePublic(event).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What Transport.SSE.encode does. */
    static Buffer sseFrame(LoggedEvent e) {
        String json = EventJson.writePublic(e).toString();
        return Buffer.buffer(("id: " + e.seq() + "\nevent: " + e.event().type().wire() + "\ndata: " + json + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
