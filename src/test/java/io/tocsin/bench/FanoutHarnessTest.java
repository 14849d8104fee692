package io.tocsin.bench;

import io.tocsin.bench.fanout.FanoutBench;
import io.tocsin.bench.fanout.Target;
import io.tocsin.support.RunningServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out harness measures what it claims (not timed): every subscriber receives every event, the very event
 * that was issued (its seq), nothing is counted twice, and the figures are per-subscriber receipt times, not the
 * publish reply. Run against a real Tocsin (SSE and WebSocket) and against a scripted peer that splits frames
 * across TCP segments, sends comments that look like data, and delays half of its subscribers on purpose.
 */
class FanoutHarnessTest {
    static final int N = 200;
    static final int ROUNDS = 3;
    static RunningServer tocsin;
    static Vertx vertx;
    static int peerPort;

    @BeforeAll
    static void start() throws Exception {
        tocsin = RunningServer.start();
        vertx = Vertx.vertx();
        peerPort = ScriptedPeer.start(vertx);
    }

    @AfterAll
    static void stop() {
        tocsin.close();
        vertx.close().await();
    }

    static FanoutBench.Options options(boolean reconnect) {
        return new FanoutBench.Options(N, ROUNDS, 1, 50, 4, 1, 20, 10_000, reconnect, 400);
    }

    @ParameterizedTest
    @EnumSource(Target.Transport.class)
    void everySubscriberGetsEveryIssuedEventOnce(Target.Transport transport) throws Exception {
        long deliveredBefore = delivered();
        Target t = Target.tocsin("tocsin", URI.create(tocsin.server.url()), tocsin.admin, transport, null);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        FanoutBench.Result r = new FanoutBench(options(false), new PrintStream(report, true, StandardCharsets.UTF_8))
                .run(List.of(t), 1);

        FanoutBench.Summary s = r.summaries().get(0);
        assertThat(s.rounds()).hasSize(ROUNDS);
        for (FanoutBench.Round round : s.rounds()) {
            assertThat(round.received()).as(report.toString()).isEqualTo(N);
            assertThat(round.missing()).isZero();
            assertThat(round.wrong()).as("subscribers that got another event than the issued seq").isZero();
            assertThat(round.first()).isPositive().isLessThanOrEqualTo(round.p50());
            assertThat(round.p50()).isLessThanOrEqualTo(round.p99());
            assertThat(round.p99()).isLessThanOrEqualTo(round.all());
            assertThat(round.all()).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
        assertThat(r.events().get(t.label())).as("events published per subscriber, fewest seen, most seen")
                .containsExactly(ROUNDS + 1, ROUNDS + 1, ROUNDS + 1);
        // The server agrees: it delivered one event per subscriber per round (warm-up included).
        assertThat(delivered() - deliveredBefore).isEqualTo((long) N * (ROUNDS + 1));
        assertThat(report.toString()).contains("median of 3 rounds");
    }

    @Test
    void peerTimesArePerSubscriberReceiptsAndSplitFramesAndLookalikeCommentsAreHandled() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + peerPort + "/sub");
        Target sse = Target.parsePeer("peer=" + url + ",http://127.0.0.1:" + peerPort + "/pub",
                Target.Transport.SSE);
        Target ws = Target.parsePeer("peer@ws=" + url + ",http://127.0.0.1:" + peerPort + "/pub",
                Target.Transport.SSE);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        FanoutBench.Result r = new FanoutBench(options(true), new PrintStream(report, true, StandardCharsets.UTF_8))
                .run(List.of(sse, ws), 0);

        for (FanoutBench.Summary s : r.summaries()) {
            assertThat(s.rounds()).hasSize(ROUNDS);
            for (FanoutBench.Round round : s.rounds()) {
                assertThat(round.received()).as(report.toString()).isEqualTo(N);
                assertThat(round.wrong()).isZero();
                // Half the subscribers are served at once, half after ScriptedPeer.DELAY_MS: the figures must show it,
                // while the publish reply (sent before any delivery) is fast.
                assertThat(round.first()).isLessThan(TimeUnit.MILLISECONDS.toNanos(ScriptedPeer.DELAY_MS));
                assertThat(round.all()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ScriptedPeer.DELAY_MS));
                assertThat(round.p99()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ScriptedPeer.DELAY_MS));
                assertThat(round.publishReply()).isLessThan(TimeUnit.MILLISECONDS.toNanos(ScriptedPeer.DELAY_MS));
            }
            // Reconnecting mode: each open gets one unmeasured event, then the measured one.
            assertThat(r.events().get(s.target().label())).containsExactly(2, 2, 2);
        }
    }

    private static long delivered() {
        Matcher m = Pattern.compile("(?m)^tocsin_events_delivered_total (\\S+)$").matcher(tocsin.get("/metrics").body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    /**
     * A pub/sub peer that is awkward on purpose: each SSE event is written in two TCP writes split inside the
     * {@code data:} marker, preceded by a comment that contains "data:"; the WebSocket message carries the published
     * body; odd-numbered subscribers get each event {@link #DELAY_MS} later than even ones; the publish reply goes
     * out before any delivery.
     */
    static final class ScriptedPeer {
        static final long DELAY_MS = 150;

        static int start(Vertx vertx) {
            List<HttpServerResponse> sse = new CopyOnWriteArrayList<>();
            List<ServerWebSocket> ws = new CopyOnWriteArrayList<>();
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                if (req.path().equals("/pub")) {
                    req.body().onSuccess(body -> {
                        req.response().setStatusCode(202).end();
                        String msg = body.toString(StandardCharsets.UTF_8);
                        for (int i = 0; i < sse.size(); i++) {
                            HttpServerResponse res = sse.get(i);
                            Runnable send = () -> {
                                res.write(Buffer.buffer(": data: a comment, not an event\n\nid: 7:0\nda"));
                                vertx.setTimer(2, id -> res.write(Buffer.buffer("ta: " + msg + "\n\n")));
                            };
                            later(vertx, i, send);
                        }
                        for (int i = 0; i < ws.size(); i++) {
                            ServerWebSocket s = ws.get(i);
                            later(vertx, i, () -> s.writeTextMessage(msg));
                        }
                    });
                } else if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
                    req.toWebSocket().onSuccess(s -> {
                        ws.add(s);
                        s.closeHandler(v -> ws.remove(s));
                    });
                } else {
                    HttpServerResponse res = req.response().setChunked(true)
                            .putHeader("Content-Type", "text/event-stream");
                    res.write(": hi\n\n");
                    sse.add(res);
                    res.closeHandler(v -> sse.remove(res));
                }
            });
            return server.listen(0, "127.0.0.1").await().actualPort();
        }

        private static void later(Vertx vertx, int i, Runnable r) {
            if (i % 2 == 0) {
                r.run();
            } else {
                vertx.setTimer(DELAY_MS, id -> r.run());
            }
        }
    }
}
