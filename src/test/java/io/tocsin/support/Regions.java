package io.tocsin.support;

import io.tocsin.region.RegionCatalog;

/** One region catalog per test JVM: it is immutable and takes about a second to load. */
public final class Regions {
    private static RegionCatalog catalog;

    private Regions() {
    }

    public static synchronized RegionCatalog catalog() {
        if (catalog == null) {
            catalog = RegionCatalog.load();
        }
        return catalog;
    }
}
