package io.tocsin.cli;

/** Whether a command left a server running, so main() must not exit the JVM. */
final class ServeCommandState {
    private static volatile boolean running;

    private ServeCommandState() {
    }

    static void markRunning() {
        running = true;
    }

    static boolean running() {
        return running;
    }
}
