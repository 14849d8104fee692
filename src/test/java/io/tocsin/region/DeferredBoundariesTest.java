package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tocsin.domain.Region;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The boundaries are read after the tree, in the background or on first use, so start-up does not wait for them;
 * every lookup still answers exactly as with boundaries loaded up front, waiting for them when it must.
 */
class DeferredBoundariesTest {
    private static final double[][] POINTS = {{50.45, 30.52}, {49.84, 24.03}, {49.99, 36.23}, {46.48, 30.72},
            {48.46, 35.04}, {44.95, 34.10}, {52.0, 20.0}};

    private final RegionCatalog eager = TestCatalog.get();

    @Test
    void loadingTheCatalogReadsNoBoundaryUntilOneIsNeeded() {
        RegionCatalog catalog = RegionCatalog.load();

        assertThat(catalog.tree().size()).isEqualTo(eager.tree().size());
        assertThat(catalog.locator().loaded()).isFalse();
        assertThat(codes(catalog.locator(), 49.84, 24.03))
                .containsExactly("UA46060250000025047", "UA46060000000042587", "UA-46", "UA");
        assertThat(catalog.locator().loaded()).isTrue();
    }

    @Test
    void aDeferredLocatorAnswersEveryPointAsOneLoadedUpFrontAndReadsTheFilesOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        PointLocator deferred = PointLocator.deferred(eager.tree(), () -> {
            reads.incrementAndGet();
            return RegionCatalog.boundaries(RegionCatalog.class.getClassLoader());
        });
        assertThat(reads).hasValue(0);

        // Eight lookups race for the first load: one read, every answer right.
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                double[] p = POINTS[i % POINTS.length];
                answers.add(pool.submit(() -> codes(deferred, p[0], p[1])));
            }
            for (int i = 0; i < 8; i++) {
                double[] p = POINTS[i % POINTS.length];
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(codes(eager.locator(), p[0], p[1]));
            }
        }
        assertThat(reads).hasValue(1);
        assertThat(deferred.codesWithBoundary()).isEqualTo(eager.locator().codesWithBoundary());
        assertThat(deferred.unmatchedFeatures()).isEqualTo(eager.locator().unmatchedFeatures());
        assertThat(deferred.boundary("UA-46")).isEqualTo(eager.locator().boundary("UA-46"));
    }

    @Test
    void aLookupWhileTheBoundariesAreStillBeingReadWaitsForThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PointLocator deferred = PointLocator.deferred(eager.tree(), () -> {
            awaitUninterruptibly(release);
            return RegionCatalog.boundaries(RegionCatalog.class.getClassLoader());
        });
        deferred.loadInBackground();
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<List<String>> lookup = pool.submit(() -> codes(deferred, 50.45, 30.52));
            Thread.sleep(300);
            assertThat(lookup).isNotDone();
            assertThat(deferred.loaded()).isFalse();

            release.countDown();

            assertThat(lookup.get(60, TimeUnit.SECONDS)).containsExactly("UA-30", "UA");
            await().atMost(Duration.ofSeconds(10)).until(deferred::loaded);
        }
    }

    @Test
    void boundariesThatCannotBeReadFailEveryLookupLoudlyInsteadOfAnsweringNowhere() {
        PointLocator broken = PointLocator.deferred(eager.tree(), () -> {
            throw new IllegalStateException("resource data/x.geojson.gz is missing from the class path");
        });

        assertThatThrownBy(() -> broken.locate(50.45, 30.52)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("region boundaries could not be loaded").hasMessageContaining("x.geojson.gz");
        assertThatThrownBy(() -> broken.boundary("UA-46")).isInstanceOf(IllegalStateException.class);
        assertThat(broken.loaded()).isFalse();
    }

    private static List<String> codes(PointLocator locator, double lat, double lon) {
        return locator.locate(lat, lon).stream().map(Region::code).toList();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
