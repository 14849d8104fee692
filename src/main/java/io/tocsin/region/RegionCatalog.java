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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;

/**
 * The regions of Ukraine as shipped in the jar: the KATOTTH codifier gives the tree (country, 27 oblast-level
 * units, 136 raions, 1,772 hromadas), the boundary files give the point lookup. See docs/regions.md.
 *
 * <p>Nothing is cached statically: each {@link #load()} reads the resources afresh (about half a second, most of it
 * the boundaries, read on demand or in the background), so the application loads once at start-up and passes the
 * instance on.
 */
public final class RegionCatalog {
    public static final String COUNTRY_CODE = "UA";

    static final String CODIFIER = "data/katotth_kodyfikator_2025-07-02.csv.gz";
    static final String OBLASTS = "data/derived_oblasts.csv";
    static final String OBLAST_BOUNDARIES = "data/geoBoundaries-UKR-ADM1.geojson.gz";
    static final String RAION_BOUNDARIES = "data/ukr_raions_osm_simplified.geojson.gz";
    static final String HROMADA_BOUNDARIES = "data/ukr_hromadas_osm_simplified.geojson.gz";

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
     * the work) and the name index are built when {@link #loadInBackground()} is called (a server does once it
     * listens) or a lookup or search first needs them, which then waits for them.
     */
    public static RegionCatalog load() {
        ClassLoader loader = RegionCatalog.class.getClassLoader();
        List<Codifier.Entry> codifier = Codifier.readGzip(open(loader, CODIFIER));
        RegionTree tree = buildTree(codifier.stream().filter(e -> !e.isSettlement()).toList(),
                OblastTable.read(open(loader, OBLASTS)));
        RegionSearch search = RegionSearch.deferred(tree, () -> settlements(codifier));
        return new RegionCatalog(tree, PointLocator.deferred(tree, () -> boundaries(loader)), search);
    }

    /** The three boundary files, read in parallel: they are independent, and most of the catalog's loading time. */
    static PointLocator.Features boundaries(ClassLoader loader) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<GeoJsonFeatures.Feature>> hromadas =
                    pool.submit(() -> GeoJsonFeatures.read(gunzip(loader, HROMADA_BOUNDARIES), "katotth"));
            Future<List<GeoJsonFeatures.Feature>> raions =
                    pool.submit(() -> GeoJsonFeatures.read(gunzip(loader, RAION_BOUNDARIES), "katotth"));
            Future<List<GeoJsonFeatures.Feature>> oblasts =
                    pool.submit(() -> GeoJsonFeatures.read(gunzip(loader, OBLAST_BOUNDARIES), "shapeISO"));
            return new PointLocator.Features(hromadas.get(), raions.get(), oblasts.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot load the region boundaries", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the region boundaries", e);
        }
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

    /** Starts building the boundaries and the name index on background threads; returns at once. */
    public void loadInBackground() {
        locator.loadInBackground();
        search.loadInBackground();
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
