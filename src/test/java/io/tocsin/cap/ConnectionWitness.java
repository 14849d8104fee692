package io.tocsin.cap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local listener that counts the connections made to it: the proof that parsing and validating reach out to no
 * one. It binds every interface (IPv4 and IPv6), since "localhost" may resolve to either.
 */
final class ConnectionWitness implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private ConnectionWitness(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("connection-witness").start(this::acceptAll);
    }

    /** Listens on the given port (0 for any free one); throws if the port is taken. */
    static ConnectionWitness listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(port));
        return new ConnectionWitness(server);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The connections seen so far, after giving any stray one a moment to arrive. */
    int connections() throws InterruptedException {
        Thread.sleep(300);
        return connections.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                connections.incrementAndGet();
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join(2000);
    }
}
