package io.tocsin.cli;

import io.tocsin.region.RegionCatalog;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The commands that start a server need the region catalog (the codifier read and the tree built, 0.1–0.3 s of a
 * start); {@link Main} starts loading it beside picocli's building and parsing of the command line, which takes
 * about as long and needs none of it. A command that does not take it leaves a daemon thread's work behind, nothing
 * else.
 */
final class CatalogPreload {
    private static final Set<String> SERVERS = Set.of("serve", "demo");
    private static volatile CompletableFuture<RegionCatalog> loading;

    private CatalogPreload() {
    }

    /** Starts loading when {@code args} name a command that starts a server. */
    static void startFor(String[] args) {
        if (args.length > 0 && SERVERS.contains(args[0])) {
            loading = CompletableFuture.supplyAsync(RegionCatalog::load,
                    task -> Thread.ofPlatform().daemon().name("tocsin-start-catalog").start(task));
        }
    }

    /** The catalog loaded by {@link #startFor}, or loaded now; each preloaded catalog is taken once. */
    static RegionCatalog take() {
        CompletableFuture<RegionCatalog> f = loading;
        loading = null;
        if (f == null) {
            return RegionCatalog.load();
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
