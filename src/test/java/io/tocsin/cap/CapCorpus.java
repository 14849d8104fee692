package io.tocsin.cap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.tocsin.support.RepoFiles;

/** The CAP test corpus ({@code src/test/resources/cap-corpus}; its sources and licences are in the README there). */
final class CapCorpus {
    private CapCorpus() {
    }

    /** One row of INDEX.csv: the first three columns are all the tests need (they never contain commas). */
    record Row(String file, String expected, String check, String capVersion) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path root() {
        return RepoFiles.testResource("cap-corpus/INDEX.csv").getParent();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as text, for tests that edit a copy (the corpus files are UTF-8 or, if ISO-8859-1, ASCII here). */
    static String text(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }

    static List<Row> index() {
        try {
            List<String> lines = Files.readAllLines(path("INDEX.csv"), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] cells = line.split(",", 5);
                return new Row(cells[0], cells[1], cells[2], cells[3]);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
