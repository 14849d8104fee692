package io.tocsin.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data files tests read to derive their expectations independently of the code under test. They all live inside
 * this repository: the product's own data under {@code src/main/resources/data} and test-only data under
 * {@code src/test/resources} (see {@code src/test/resources/README.md} for where each came from). Paths are relative
 * to the project directory, which is the working directory of Maven's test run.
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** A data file shipped in the product's jar ({@code src/main/resources/data/...}). */
    public static Path productData(String relative) {
        return existing(Path.of("src", "main", "resources", "data").resolve(relative));
    }

    /** A test-only file ({@code src/test/resources/...}). */
    public static Path testResource(String relative) {
        return existing(Path.of("src", "test", "resources").resolve(relative));
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test data file missing: " + file.toAbsolutePath());
        }
        return file;
    }
}
