package io.tocsin.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Bytes on a plain socket, for requests no well-behaved client would send. */
public final class RawHttp {
    private RawHttp() {
    }

    /** What the server sent before it closed the connection, and whether it did close it within the wait. */
    public record Reply(String text, boolean closed) {
        public int count(String s) {
            int n = 0;
            for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
                n++;
            }
            return n;
        }
    }

    public static Socket connect(int port, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Sends {@code request} and reads until the server closes or {@code wait} passes. */
    public static Reply exchange(int port, String request, Duration wait) throws IOException {
        try (Socket s = connect(port, "127.0.0.1")) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s, wait);
        }
    }

    /** Reads until the server closes (or resets) the connection, or until {@code wait} passes. */
    public static Reply read(Socket s, Duration wait) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + wait.toNanos();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Reply(got.toString(StandardCharsets.UTF_8), false);
            }
            s.setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return new Reply(got.toString(StandardCharsets.UTF_8), true);
                }
                got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                return new Reply(got.toString(StandardCharsets.UTF_8), false);
            } catch (SocketException reset) {
                return new Reply(got.toString(StandardCharsets.UTF_8), true);
            }
        }
    }
}
