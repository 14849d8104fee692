package io.tocsin.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line log records on stderr; Netty and HikariCP chatter kept at WARNING. */
final class Logging {
    /** JUL holds loggers weakly: keep the quietened ones referenced or their levels are lost on the next GC. */
    private static final Logger NETTY = Logger.getLogger("io.netty");
    private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");
    private Logging() {
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new SimpleFormatter());
        h.setLevel(Level.ALL);
        root.addHandler(h);
        root.setLevel(Level.INFO);
        NETTY.setLevel(Level.WARNING);
        HIKARI.setLevel(Level.WARNING);
    }
}
