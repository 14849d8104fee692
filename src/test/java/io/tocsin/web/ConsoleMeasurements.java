package io.tocsin.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Figures the console's browser tests measure, appended to target/console-measurements.txt (see docs/console.md). */
final class ConsoleMeasurements {
    static final Path FILE = Path.of("target", "console-measurements.txt");

    private ConsoleMeasurements() {
    }

    static synchronized void record(String what, String figure) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, Instant.now() + "  " + what + ": " + figure + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
