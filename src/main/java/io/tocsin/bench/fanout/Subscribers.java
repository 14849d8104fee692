package io.tocsin.bench.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N subscribers of one target, as raw HTTP/1.1 sockets spread over the client loops. Each socket sends an SSE GET
 * or a WebSocket upgrade and then only reads: the loop records, per round, the System.nanoTime() of the read that
 * brought the first byte of the round's event, and the event's id (SSE {@code id:} line or the JSON's
 * {@code "seq":}) so a run can prove every subscriber got the very event that was issued.
 *
 * <p>An SSE event is recognised by a {@code data:} line (whatever the transfer coding: chunk-size lines and
 * comments such as {@code : keep-alive} never contain one); a WebSocket event is a text or binary frame, with
 * pings answered and close frames treated as the server dropping the subscriber.
 */
final class Subscribers implements AutoCloseable {
    final Target target;
    final int size;
    /** nanoTime of the read that brought this round's event, per subscriber (valid when {@link Conn#roundSeen} = round). */
    final long[] receivedAt;
    /** The id of this round's event per subscriber, -1 when the stream carries none. */
    final long[] eventId;
    /** Events seen per subscriber over the whole run. */
    final int[] events;
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    /** Subscribers the server closed or reset while streaming. */
    final AtomicInteger lost = new AtomicInteger();
    private final Conn[] conns;
    private final ClientLoop[] loopOf;
    private final byte[] request;
    private final int keyAt;
    private volatile int round;
    private volatile String firstError;

    Subscribers(Target target, int size) {
        this.target = target;
        this.size = size;
        this.receivedAt = new long[size];
        this.eventId = new long[size];
        this.events = new int[size];
        this.conns = new Conn[size];
        this.loopOf = new ClientLoop[size];
        String req = target.subscribeRequest();
        this.keyAt = req.indexOf("%KEY%");
        this.request = req.replace("%KEY%", "AAAAAAAAAAAAAAAAAAAAAA==").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Opens every subscriber, {@code batch} at a time (the listen backlog is finite): a batch is sent, then the
     * responses (SSE headers or the 101 handshake) of the whole batch are awaited before the next.
     */
    void open(List<ClientLoop> loops, List<InetAddress> sources, int batch, long timeoutNanos)
            throws TimeoutException, IOException, InterruptedException {
        InetSocketAddress server = target.subscribeAddress();
        for (int from = 0; from < size; from += batch) {
            int to = Math.min(size, from + batch);
            List<List<Conn>> perLoop = new ArrayList<>();
            loops.forEach(l -> perLoop.add(new ArrayList<>()));
            for (int i = from; i < to; i++) {
                int li = i % loops.size();
                Conn c = new Conn(i, loops.get(li));
                conns[i] = c;
                loopOf[i] = loops.get(li);
                perLoop.get(li).add(c);
            }
            for (int li = 0; li < loops.size(); li++) {
                List<Conn> mine = perLoop.get(li);
                loops.get(li).execute(() -> {
                    for (Conn c : mine) {
                        c.open(server, sources.isEmpty() ? null : sources.get(c.index % sources.size()));
                    }
                });
            }
            long deadline = System.nanoTime() + timeoutNanos;
            while (ready.get() + failed.get() < to) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(target.label() + ": only " + ready.get() + " of " + to
                            + " subscribers opened in time" + (firstError == null ? "" : "; first error: " + firstError));
                }
                Thread.sleep(2);
            }
            if (failed.get() > 0) {
                throw new IOException(target.label() + ": " + failed.get() + " subscribers failed to open; first: "
                        + firstError);
            }
        }
    }

    /** Starts a round: from now on, the first event each subscriber reads is this round's. */
    void beginRound() {
        received.set(0);
        round++;
    }

    /** Waits until every open subscriber has this round's event or the deadline passes; true when all have. */
    boolean awaitRound(long deadline) throws InterruptedException {
        while (received.get() < size - lost.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    String firstError() {
        return firstError;
    }

    private void error(String e) {
        if (firstError == null) {
            firstError = e;
        }
    }

    /** Closes every socket gracefully (FIN). */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes every socket; with {@code reset}, by RST (SO_LINGER 0): no TIME_WAIT, so the source ports are free at
     * once for the next open. The raw floor does not survive resets (it keeps the dead socket in its list and then
     * fails the next publish), so a run that holds its connections closes them gracefully.
     */
    void close(boolean reset) {
        List<ClientLoop> loops = new ArrayList<>();
        for (ClientLoop l : loopOf) {
            if (l != null && !loops.contains(l)) {
                loops.add(l);
            }
        }
        CountDownLatch done = new CountDownLatch(loops.size());
        for (ClientLoop l : loops) {
            l.execute(() -> {
                for (int i = 0; i < size; i++) {
                    if (loopOf[i] == l && conns[i] != null) {
                        conns[i].close(reset);
                    }
                }
                done.countDown();
            });
        }
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One subscriber socket; every method runs on its loop's thread. */
    final class Conn {
        private static final int HEADERS = 0;
        private static final int STREAMING = 1;
        private static final int CLOSED = 2;
        private static final byte[] DATA = "\ndata:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ID = "\nid: ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

        final int index;
        private final ClientLoop loop;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer pending;
        private int phase = HEADERS;
        private byte[] head = new byte[512];
        private int headLength;
        int roundSeen;
        // SSE: matchers for "\ndata:" and "\nid: " (each has a single '\n', at its start: mismatch restarts cheaply)
        private int dataMatch;
        private int idMatch;
        private boolean inId;
        private long idValue = -1;
        /** SSE: consecutive line ends seen ('\r' ignored), and the time of the read that began the current block. */
        private int newlines = 2;
        private long blockStart;
        private boolean blockCounted;
        /** HTTP chunked transfer coding, decoded before the SSE scan (Tocsin streams chunked; nchan does not). */
        private boolean chunked;
        private int chunkState;
        private long chunkLeft;
        private boolean chunkExtension;
        // WebSocket frame parser
        private int wsState;
        private int wsOpcode;
        private long wsRemaining;
        private int wsNeed;
        private boolean wsMasked;
        private byte[] wsControl;
        private int wsControlLength;

        Conn(int index, ClientLoop loop) {
            this.index = index;
            this.loop = loop;
        }

        void open(InetSocketAddress server, InetAddress source) {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (source != null) {
                    channel.bind(new InetSocketAddress(source, 0));
                }
                boolean connected = channel.connect(server);
                key = channel.register(loop.selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    connected();
                }
            } catch (IOException | RuntimeException e) {
                openFailed(e);
            }
        }

        void ready(SelectionKey k) {
            try {
                if (!k.isValid()) {
                    return;
                }
                if (k.isConnectable()) {
                    channel.finishConnect();
                    connected();
                    return;
                }
                if (k.isWritable()) {
                    flush();
                }
                if (k.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                if (phase == HEADERS) {
                    openFailed(e);
                } else {
                    dropped("read failed: " + e);
                }
            }
        }

        private void connected() throws IOException {
            byte[] req = request;
            if (keyAt >= 0) {
                req = req.clone();
                byte[] nonce = new byte[16];
                ThreadLocalRandom.current().nextBytes(nonce);
                byte[] k64 = Base64.getEncoder().encode(nonce);
                System.arraycopy(k64, 0, req, keyAt, k64.length);
            }
            pending = ByteBuffer.wrap(req);
            flush();
        }

        private void flush() throws IOException {
            channel.write(pending);
            if (pending.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
            } else {
                pending = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void read() throws IOException {
            ByteBuffer b = loop.readBuffer;
            while (true) {
                b.clear();
                int n = channel.read(b);
                if (n < 0) {
                    if (phase == HEADERS) {
                        openFailed(new IOException("closed before the response"));
                    } else {
                        dropped("closed by the server");
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                long now = System.nanoTime();
                b.flip();
                b.get(loop.bytes, 0, n);
                int off = 0;
                if (phase == HEADERS) {
                    off = headers(loop.bytes, n);
                    if (off < 0) {
                        continue;
                    }
                }
                if (phase == STREAMING && off < n) {
                    if (target.transport() == Target.Transport.SSE) {
                        if (chunked) {
                            dechunk(loop.bytes, off, n, now);
                        } else {
                            sse(loop.bytes, off, n, now);
                        }
                    } else {
                        ws(loop.bytes, off, n, now);
                    }
                }
                if (n < b.capacity()) {
                    return;
                }
            }
        }

        /** Accumulates the response head; returns the offset of the first body byte, or -1 while incomplete. */
        private int headers(byte[] a, int n) {
            for (int i = 0; i < n; i++) {
                if (headLength == head.length) {
                    if (head.length >= 16 * 1024) {
                        openFailed(new IOException("response head larger than 16 KB"));
                        return -1;
                    }
                    head = java.util.Arrays.copyOf(head, head.length * 2);
                }
                head[headLength++] = a[i];
                if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                        && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                    String status = new String(head, 0, Math.min(headLength, 40), StandardCharsets.US_ASCII);
                    String want = target.transport() == Target.Transport.SSE ? " 200" : " 101";
                    if (!status.startsWith("HTTP/1.1" + want) && !status.startsWith("HTTP/1.0" + want)) {
                        String line = status.contains("\r") ? status.substring(0, status.indexOf('\r')) : status;
                        openFailed(new IOException("unexpected response '" + line + "'"));
                        return -1;
                    }
                    chunked = new String(head, 0, headLength, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                            .matches("(?s).*\r\ntransfer-encoding:[^\r]*chunked.*");
                    head = null;
                    phase = STREAMING;
                    ready.incrementAndGet();
                    return i + 1;
                }
            }
            return -1;
        }

        /** Strips chunked transfer coding (size line, data, CRLF) and scans the data. */
        private void dechunk(byte[] a, int from, int to, long now) {
            int i = from;
            while (i < to) {
                switch (chunkState) {
                    case 0 -> { // size line: hex digits, maybe ";extension", CRLF
                        byte c = a[i++];
                        int v = Character.digit(c, 16);
                        if (c == '\n') {
                            chunkState = chunkLeft == 0 ? 3 : 1;
                            chunkExtension = false;
                        } else if (c == ';') {
                            chunkExtension = true;
                        } else if (v >= 0 && !chunkExtension) {
                            chunkLeft = chunkLeft * 16 + v;
                        }
                    }
                    case 1 -> { // data
                        int k = (int) Math.min(chunkLeft, to - i);
                        sse(a, i, i + k, now);
                        i += k;
                        chunkLeft -= k;
                        if (chunkLeft == 0) {
                            chunkState = 2;
                        }
                    }
                    case 2 -> { // CRLF after the data
                        if (a[i++] == '\n') {
                            chunkState = 0;
                        }
                    }
                    default -> i = to; // last chunk: the stream is over; the close follows
                }
            }
        }

        /**
         * Scans SSE bytes. An event is a block (text between blank lines) with a {@code data:} line; its time is that
         * of the read which brought the block's first byte, even when the block arrives in several reads.
         */
        private void sse(byte[] a, int from, int to, long now) {
            for (int i = from; i < to; i++) {
                byte c = a[i];
                if (c == '\n') {
                    newlines++;
                } else if (c != '\r') {
                    if (newlines >= 2) {
                        blockStart = now;
                        blockCounted = false;
                    }
                    newlines = 0;
                }
                if (inId) {
                    if (c >= '0' && c <= '9') {
                        idValue = idValue * 10 + (c - '0');
                    } else {
                        inId = false;
                    }
                }
                if (c == ID[idMatch]) {
                    if (++idMatch == ID.length) {
                        idMatch = 0;
                        inId = true;
                        idValue = 0;
                    }
                } else {
                    idMatch = c == '\n' ? 1 : 0;
                }
                if (c == DATA[dataMatch]) {
                    if (++dataMatch == DATA.length) {
                        dataMatch = 0;
                        if (!blockCounted) { // one event per block, however many data: lines it has
                            blockCounted = true;
                            event(blockStart);
                            eventId(idValue);
                            idValue = -1;
                        }
                    }
                } else {
                    dataMatch = c == '\n' ? 1 : 0;
                }
            }
        }

        private void ws(byte[] a, int from, int to, long now) throws IOException {
            int i = from;
            while (i < to) {
                switch (wsState) {
                    case 0 -> { // FIN, opcode
                        wsOpcode = a[i++] & 0x0F;
                        if (wsOpcode == 1 || wsOpcode == 2) {
                            event(now);
                            idMatch = 0;
                            inId = false;
                            idValue = -1;
                        }
                        wsState = 1;
                    }
                    case 1 -> { // MASK bit, 7-bit length
                        int b = a[i++];
                        wsMasked = (b & 0x80) != 0;
                        int len = b & 0x7F;
                        if (len >= 126) {
                            wsNeed = len == 126 ? 2 : 8;
                            wsRemaining = 0;
                            wsState = 2;
                        } else {
                            wsRemaining = len;
                            afterLength();
                        }
                    }
                    case 2 -> { // extended length
                        wsRemaining = (wsRemaining << 8) | (a[i++] & 0xFF);
                        if (--wsNeed == 0) {
                            afterLength();
                        }
                    }
                    case 3 -> { // masking key (servers do not mask; skipped if one does)
                        i++;
                        if (--wsNeed == 0) {
                            startPayload();
                        }
                    }
                    default -> { // payload
                        int k = (int) Math.min(wsRemaining, to - i);
                        if (wsOpcode == 1 || wsOpcode == 2 || wsOpcode == 0) {
                            scanSeq(a, i, i + k);
                        } else {
                            System.arraycopy(a, i, wsControl, wsControlLength, k);
                            wsControlLength += k;
                        }
                        i += k;
                        wsRemaining -= k;
                        if (wsRemaining == 0) {
                            frameEnd();
                        }
                    }
                }
            }
        }

        private void afterLength() throws IOException {
            if (wsMasked) {
                wsNeed = 4;
                wsState = 3;
            } else {
                startPayload();
            }
        }

        private void startPayload() throws IOException {
            if (wsOpcode >= 8) {
                if (wsRemaining > 125) {
                    throw new IOException("control frame longer than 125 bytes");
                }
                wsControl = new byte[(int) wsRemaining];
                wsControlLength = 0;
            }
            if (wsRemaining == 0) {
                frameEnd();
            } else {
                wsState = 4;
            }
        }

        private void frameEnd() throws IOException {
            wsState = 0;
            switch (wsOpcode) {
                case 1, 2 -> eventId(idValue);
                case 9 -> pong();
                case 8 -> dropped("WebSocket closed by the server");
                default -> {
                    // continuation or pong: nothing to do
                }
            }
        }

        private void scanSeq(byte[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                byte c = a[i];
                if (inId) {
                    if (c >= '0' && c <= '9') {
                        idValue = idValue * 10 + (c - '0');
                        continue;
                    }
                    inId = false;
                }
                if (idValue >= 0) {
                    continue; // the first "seq" of the message is the event's
                }
                if (c == SEQ[idMatch]) {
                    if (++idMatch == SEQ.length) {
                        idMatch = 0;
                        inId = true;
                        idValue = 0;
                    }
                } else {
                    idMatch = c == '"' ? 1 : 0;
                }
            }
        }

        /** Answers a ping with a masked pong carrying the same payload (a client must mask; key 0 is legal). */
        private void pong() throws IOException {
            ByteBuffer f = ByteBuffer.allocate(6 + wsControlLength);
            f.put((byte) 0x8A).put((byte) (0x80 | wsControlLength)).putInt(0).put(wsControl, 0, wsControlLength).flip();
            channel.write(f);
        }

        private void event(long now) {
            events[index]++;
            int r = round;
            if (roundSeen != r) {
                roundSeen = r;
                receivedAt[index] = now;
                eventId[index] = -1;
                received.incrementAndGet();
            }
        }

        private void eventId(long id) {
            if (eventId[index] < 0) {
                eventId[index] = id;
            }
        }

        private void openFailed(Exception e) {
            error(e.toString());
            if (phase != CLOSED) {
                phase = CLOSED;
                failed.incrementAndGet();
                abort();
            }
        }

        private void dropped(String why) {
            if (phase == STREAMING) {
                error(target.label() + " subscriber " + index + ": " + why);
                lost.incrementAndGet();
            }
            phase = CLOSED;
            abort();
        }

        void close(boolean reset) {
            phase = CLOSED;
            if (reset) {
                abort();
            } else if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        /** Closes with a reset. */
        void abort() {
            if (channel == null) {
                return;
            }
            try {
                if (channel.isOpen()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
