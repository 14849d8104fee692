package io.tocsin.region;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test support: one catalog shared by the region tests (loading takes about half a second; the catalog is
 * immutable, so sharing it cannot couple tests), and the path of the shared third-party data the tests read to
 * derive their expectations independently of the code under test.
 */
final class TestCatalog {
    private static RegionCatalog catalog;

    private TestCatalog() {
    }

    static synchronized RegionCatalog get() {
        if (catalog == null) {
            catalog = RegionCatalog.load();
        }
        return catalog;
    }

    /** A file under shared/data (the surefire property, or ../shared when run from an IDE). */
    static Path sharedData(String relative) {
        Path shared = Path.of(System.getProperty("tocsin.shared", "../shared"));
        Path file = shared.resolve("data").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared data file missing: " + file.toAbsolutePath());
        }
        return file;
    }
}
