package io.tocsin.region;

/**
 * Test support: one catalog shared by the region tests (loading takes about half a second; the catalog is
 * immutable, so sharing it cannot couple tests).
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

}
