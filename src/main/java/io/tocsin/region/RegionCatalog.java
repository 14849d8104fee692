package io.tocsin.region;

import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;

/**
 * The regions of Ukraine as shipped in the jar: the KATOTTH codifier gives the tree (country, 27 oblast-level
 * units, 136 raions, 1,772 hromadas), the boundary files give the point lookup. See docs/regions.md.
 *
 * <p>Nothing is cached statically: each {@link #load()} reads the resources afresh (about half a second, most of it
 * the boundaries, which load in the background), so the application loads once at start-up and passes the
 * instance on.
 */
public final class RegionCatalog {
    public static final String COUNTRY_CODE = "UA";

    static final String CODIFIER = "data/katotth_kodyfikator_2025-07-02.csv.gz";
    static final String OBLASTS = "data/derived_oblasts.csv";
    static final String OBLAST_BOUNDARIES = "data/geoBoundaries-UKR-ADM1.geojson.gz";
    static final String RAION_BOUNDARIES = "data/ukr_raions_osm_simplified.geojson.gz";
    static final String HROMADA_BOUNDARIES = "data/ukr_hromadas_osm_simplified.geojson.gz";
    private static final Logger LOG = Logger.getLogger(RegionCatalog.class.getName());

    private final RegionTree tree;
    private final PointLocator locator;
    private final RegionSearch search;

    private RegionCatalog(RegionTree tree, PointLocator locator, RegionSearch search) {
        this.tree = tree;
        this.locator = locator;
        this.search = search;
    }

    private static List<Settlement> settlements(List<Codifier.Entry> codifier) {
        List<Settlement> out = new ArrayList<>(30_000);
        for (Codifier.Entry e : codifier) {
            if (e.isSettlement()) {
                out.add(new Settlement(e.katotth(), Settlement.Kind.of(e.category()), e.name(),
                        RegionNames.english(e.name()), e.parentKatotth()));
            }
        }
        return out;
    }

    /**
     * Loads the catalog from the class path. Returns once the tree is built; the boundaries (three files, most of
     * the work) go on loading in the background, so a server can start listening meanwhile, and point lookups
     * wait for them (see {@link PointLocator#loadingInBackground}).
     */
    public static RegionCatalog load() {
        ClassLoader loader = RegionCatalog.class.getClassLoader();
        // The three boundary files are independent: parse them in parallel, each on a (daemon) virtual thread, so a
        // command that never looks a point up does not wait for them and is not kept alive by them.
        CompletableFuture<List<GeoJsonFeatures.Feature>> hromadas =
                background(() -> GeoJsonFeatures.read(gunzip(loader, HROMADA_BOUNDARIES), "katotth"));
        CompletableFuture<List<GeoJsonFeatures.Feature>> raions =
                background(() -> GeoJsonFeatures.read(gunzip(loader, RAION_BOUNDARIES), "katotth"));
        CompletableFuture<List<GeoJsonFeatures.Feature>> oblasts =
                background(() -> GeoJsonFeatures.read(gunzip(loader, OBLAST_BOUNDARIES), "shapeISO"));
        List<Codifier.Entry> codifier = Codifier.readGzip(open(loader, CODIFIER));
        RegionTree tree = buildTree(codifier.stream().filter(e -> !e.isSettlement()).toList(),
                OblastTable.read(open(loader, OBLASTS)));
        RegionSearch search = new RegionSearch(tree, settlements(codifier));
        CompletableFuture<PointLocator.Features> features = CompletableFuture.allOf(hromadas, raions, oblasts)
                .thenApply(done -> new PointLocator.Features(hromadas.join(), raions.join(), oblasts.join()));
        PointLocator locator = PointLocator.loadingInBackground(tree, features);
        features.whenComplete((f, failure) -> {
            if (failure != null) {
                LOG.severe("cannot load the region boundaries; point lookups will fail: " + failure.getMessage());
            }
        });
        return new RegionCatalog(tree, locator, search);
    }

    private static <T> CompletableFuture<T> background(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name("region-boundaries").start(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Builds the tree from codifier entries (parents before children, as the codifier lists them) and the
     * oblast table (ISO codes and full names of the oblast-level units).
     */
    static RegionTree buildTree(List<Codifier.Entry> entries, Map<String, OblastTable.Row> oblastRows) {
        List<Region> regions = new ArrayList<>(entries.size() + 1);
        regions.add(new Region(COUNTRY_CODE, null, RegionKind.COUNTRY, null,
                RegionNames.COUNTRY_UK, RegionNames.COUNTRY_EN));
        Map<String, String> publicCode = new HashMap<>();
        for (Codifier.Entry e : entries) {
            Region region = switch (e.category()) {
                case 'O', 'K' -> {
                    OblastTable.Row row = oblastRows.get(e.katotth());
                    if (row == null) {
                        throw new IllegalStateException("derived_oblasts.csv lacks " + e.katotth() + " " + e.name());
                    }
                    yield new Region(row.iso(), e.katotth(), RegionKind.OBLAST, COUNTRY_CODE,
                            row.nameUk(), RegionNames.english(row.nameUk()));
                }
                case 'P' -> child(e, RegionKind.RAION, RegionNames.raionUk(e.name()), publicCode);
                case 'H' -> child(e, RegionKind.HROMADA, RegionNames.hromadaUk(e.name()), publicCode);
                default -> throw new IllegalStateException("unexpected codifier category " + e.category());
            };
            publicCode.put(e.katotth(), region.code());
            regions.add(region);
        }
        if (regions.stream().filter(r -> r.kind() == RegionKind.OBLAST).count() != oblastRows.size()) {
            throw new IllegalStateException("derived_oblasts.csv and the codifier disagree on the oblast-level units");
        }
        return new RegionTree(regions);
    }

    private static Region child(Codifier.Entry e, RegionKind kind, String nameUk, Map<String, String> publicCode) {
        String parent = publicCode.get(e.parentKatotth());
        if (parent == null) {
            throw new IllegalStateException("codifier lists " + e.katotth() + " before its parent " + e.parentKatotth());
        }
        return new Region(e.katotth(), e.katotth(), kind, parent, nameUk, RegionNames.english(nameUk));
    }

    public RegionTree tree() {
        return tree;
    }

    public PointLocator locator() {
        return locator;
    }

    /** Search by name: regions and the settlements that resolve to their hromada. */
    public RegionSearch search() {
        return search;
    }

    /** Shortcut for {@link PointLocator#boundary(String)}. */
    public Optional<Geometry> boundary(String code) {
        return locator.boundary(code);
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the class path");
        }
        return in;
    }

    private static InputStream gunzip(ClassLoader loader, String resource) {
        try {
            return new GZIPInputStream(open(loader, resource), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
