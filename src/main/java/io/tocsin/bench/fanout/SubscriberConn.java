package io.tocsin.bench.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One subscriber socket of a {@link Subscribers} group: connects, sends the subscribe request, checks the response
 * head ({@link ResponseHead}), then hands the body to an {@link SseScanner} or a {@link WsFrameParser} and records
 * what they report in the group's per-round arrays. Every method runs on its loop's thread.
 */
final class SubscriberConn implements Subscribers.Conn, WsFrameParser.Peer {
    private static final int HEADERS = 0;
    private static final int STREAMING = 1;
    private static final int CLOSED = 2;

    final int index;
    private final Subscribers group;
    private final ClientLoop loop;
    private final SseScanner sse;
    private final WsFrameParser ws;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer pending;
    private int phase = HEADERS;
    private ResponseHead head;
    int roundSeen;

    SubscriberConn(Subscribers group, int index, ClientLoop loop) {
        this.group = group;
        this.index = index;
        this.loop = loop;
        boolean isSse = group.target.transport() == Target.Transport.SSE;
        this.sse = isSse ? new SseScanner(this) : null;
        this.ws = isSse ? null : new WsFrameParser(this);
        this.head = new ResponseHead(group.target.transport());
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

    @Override
    public void ready(SelectionKey k) {
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
        pending = ByteBuffer.wrap(group.request());
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
                if (sse != null) {
                    sse.scan(loop.bytes, off, n, now);
                } else {
                    ws.parse(loop.bytes, off, n, now);
                }
            }
            if (n < b.capacity()) {
                return;
            }
        }
    }

    /** Accumulates the response head; returns the offset of the first body byte, or -1 while incomplete. */
    private int headers(byte[] a, int n) {
        int body;
        try {
            body = head.add(a, n);
        } catch (IOException e) {
            openFailed(e);
            return -1;
        }
        if (body >= 0) {
            if (sse != null) {
                sse.chunked(head.chunked());
            }
            head = null;
            phase = STREAMING;
            group.ready.incrementAndGet();
        }
        return body;
    }

    /** Answers a ping with a masked pong carrying the same payload (a client must mask; key 0 is legal). */
    @Override
    public void pong(byte[] payload, int length) throws IOException {
        ByteBuffer f = ByteBuffer.allocate(6 + length);
        f.put((byte) 0x8A).put((byte) (0x80 | length)).putInt(0).put(payload, 0, length).flip();
        channel.write(f);
    }

    @Override
    public void closed(String why) {
        dropped(why);
    }

    @Override
    public void event(long now) {
        group.events[index]++;
        int r = group.round();
        if (roundSeen != r) {
            roundSeen = r;
            group.receivedAt[index] = now;
            group.eventId[index] = -1;
            group.received.incrementAndGet();
        }
    }

    @Override
    public void eventId(long id) {
        if (group.eventId[index] < 0) {
            group.eventId[index] = id;
        }
    }

    private void openFailed(Exception e) {
        group.error(e.toString());
        if (phase != CLOSED) {
            phase = CLOSED;
            group.failed.incrementAndGet();
            abort();
        }
    }

    private void dropped(String why) {
        if (phase == STREAMING) {
            group.error(group.target.label() + " subscriber " + index + ": " + why);
            group.lost.incrementAndGet();
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
    @Override
    public void abort() {
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
