package io.tocsin.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket subscriber's answers to a client's pings respect the socket's writability, on Netty's own
 * in-memory channel with the real frame codec: while the socket cannot take more, nothing is queued for it and
 * nothing more is read; once it drains, the latest ping alone is answered. (Filling a real socket this far needs
 * more frames than the flood bound lets a client send; {@code PingFloodChildProcessTest} floods a real server.)
 */
class RawWebSocketBackPressureTest {

    private static EmbeddedChannel subscriber() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("wsDecoder", new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowExtensions(false).maxFramePayloadLength(WebSocketUpgrade.MAX_INBOUND_FRAME)
                .closeOnProtocolViolation(true).build()));
        ch.pipeline().addLast("wsEncoder", new WebSocket13FrameEncoder(false));
        ch.pipeline().addLast("tocsinWs", new RawWebSocket(ch, new StreamGuards(new SimpleMeterRegistry())));
        return ch;
    }

    @Test
    void whileTheSocketCannotTakeMoreNoPongIsQueuedReadingStopsAndOnlyTheLatestPingIsAnsweredWhenItDrains() {
        EmbeddedChannel ch = subscriber();
        writable(ch, false);
        assertThat(ch.config().isAutoRead()).as("reading stops while the socket is not writable").isFalse();

        ByteArrayOutputStream pings = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            pings.writeBytes(maskedFrame(0x9, ("ping " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(pings.toByteArray()));
        ch.runPendingTasks();
        assertThat((Object) ch.readOutbound()).as("nothing queued while not writable").isNull();

        writable(ch, true);
        ByteBuf pong = ch.readOutbound();
        assertThat(pong).as("the latest ping is answered once writable").isNotNull();
        assertThat((int) pong.readUnsignedByte()).isEqualTo(0x8A); // FIN + pong
        int len = pong.readUnsignedByte();
        assertThat(pong.readCharSequence(len, StandardCharsets.US_ASCII).toString()).isEqualTo("ping 49");
        pong.release();
        assertThat((Object) ch.readOutbound()).as("one pong for the fifty pings").isNull();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aKeepAliveIsNotQueuedBehindBytesTheClientIsNotReading() {
        EmbeddedChannel ch = subscriber();
        RawWebSocket ws = (RawWebSocket) ch.pipeline().get("tocsinWs");
        writable(ch, false);
        ws.keepAlive();
        assertThat((Object) ch.readOutbound()).isNull();
        writable(ch, true);
        ws.keepAlive();
        ByteBuf ping = ch.readOutbound();
        assertThat((int) ping.getUnsignedByte(0)).isEqualTo(0x89);
        ping.release();
        ch.finishAndReleaseAll();
    }

    /** Marks the socket (not) writable, as a full or drained outbound buffer does; Netty tells the pipeline later. */
    private static void writable(EmbeddedChannel ch, boolean writable) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        ch.runPendingTasks();
        assertThat(ch.isWritable()).isEqualTo(writable);
    }

    /** One masked, final frame as a client sends it (payload under 126 bytes). */
    static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] f = new byte[6 + payload.length];
        f[0] = (byte) (0x80 | opcode);
        f[1] = (byte) (0x80 | payload.length);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        System.arraycopy(mask, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return f;
    }
}
