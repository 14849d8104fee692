package io.tocsin.bench.fanout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one publish request on a fresh, already connected socket, so that the measured interval starts at the
 * write of the request and includes nothing of connection set-up or of an HTTP client library's machinery. The
 * same code publishes to Tocsin and to every peer.
 */
final class Publisher implements AutoCloseable {
    /** What came back: the status, the body, and when the request was written and the reply fully read. */
    record Reply(int status, String body, long sentAt, long repliedAt) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Socket socket;

    private Publisher(Socket socket) {
        this.socket = socket;
    }

    static Publisher connect(InetSocketAddress to, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(to, timeoutMs);
            s.setSoTimeout(timeoutMs);
            return new Publisher(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Writes the whole request; returns System.nanoTime() taken just before the write. */
    long send(byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        long t0 = System.nanoTime();
        out.write(request);
        out.flush();
        return t0;
    }

    /** Reads the reply: Content-Length, chunked, or until the server closes. */
    Reply read(long sentAt) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP reply to the publish request (got '" + status + "')");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes((int) size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            in.transferTo(body);
        }
        return new Reply(code, body.toString(StandardCharsets.UTF_8), sentAt, System.nanoTime());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
