package io.tocsin.server;

/** The port to listen on is taken (or the address cannot be bound): a mistake the user fixes with --port / --host. */
public final class PortInUseException extends IllegalStateException {
    public PortInUseException(String host, int port, Throwable cause) {
        super("port " + port + " on " + host + " is in use (or cannot be bound); choose another with --port", cause);
    }
}
