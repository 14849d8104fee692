package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.json.Json;
import io.tocsin.region.MapProjection;
import io.tocsin.region.MapShapes;
import io.tocsin.region.PointLocator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;

/**
 * GET /api/v1/map (the 27 oblast-level units as SVG paths) and /api/v1/map/{oblast} (that unit's raions and
 * hromadas): the public map's shapes, projected and simplified here ({@link MapShapes}), each document made once,
 * off the event loop, on first request (the country's as soon as the server listens), then served as gzip
 * bytes with an ETag.
 */
final class MapResource {
    static final String COUNTRY = "UA";

    private final Vertx vertx;
    private final RegionTree tree;
    private final MapShapes shapes;
    /**
     * Per boundary set, then per oblast code (and {@link #COUNTRY}): the document being or already made. The
     * documents are a function of the shipped boundaries alone, so servers sharing a catalog (several in one
     * process, as in the tests) make each once.
     */
    private static final Map<PointLocator, Map<String, FutureTask<CachedBody>>> MADE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, FutureTask<CachedBody>> documents;

    MapResource(Vertx vertx, RegionTree tree, PointLocator locator) {
        this.vertx = vertx;
        this.tree = tree;
        this.shapes = new MapShapes(tree, locator);
        this.documents = MADE.computeIfAbsent(locator, l -> new ConcurrentHashMap<>());
    }

    /**
     * Makes the country's document once the server listens (it waits for the boundaries), so the first visitor
     * does not wait for it; on a thread of its own, as it may outlive a server stopped at once.
     */
    void prepare() {
        Thread.ofVirtual().name("map-shapes").start(() -> document(COUNTRY));
    }

    void mount(Router r) {
        r.get("/api/v1/map").handler(ctx -> serve(ctx, COUNTRY));
        r.get("/api/v1/map/:code").handler(this::detail);
    }

    private void detail(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        Region region = tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
        if (region.kind() != RegionKind.OBLAST) {
            Region oblast = tree.oblastOf(region.code()).orElse(null);
            throw new DomainException(Problem.NOT_FOUND, "the map's detail is served per oblast-level unit"
                    + (oblast == null ? "" : ": " + region.code() + " is drawn in /api/v1/map/" + oblast.code()));
        }
        serve(ctx, region.code());
    }

    private void serve(RoutingContext ctx, String key) {
        FutureTask<CachedBody> task = document(key);
        if (task.isDone()) {
            try {
                task.get().send(ctx);
            } catch (Exception e) {
                Problems.fail(ctx, e.getCause() == null ? e : e.getCause());
            }
            return;
        }
        Blocking.run(vertx, ctx, task::get, body -> body.send(ctx));
    }

    /** The task that makes a document, run by whoever asks first; later callers wait on the same one. */
    private FutureTask<CachedBody> document(String key) {
        FutureTask<CachedBody> task = documents.computeIfAbsent(key, k -> new FutureTask<>(() -> make(k)));
        task.run(); // no-op once it has run or while another thread runs it
        return task;
    }

    private CachedBody make(String key) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        List<MapShapes.Shape> list;
        if (COUNTRY.equals(key)) {
            doc.put("width", MapProjection.WIDTH).put("height", MapProjection.HEIGHT);
            list = shapes.country();
        } else {
            doc.put("oblast", key);
            list = shapes.detail(tree.require(key));
        }
        ArrayNode regions = doc.putArray("regions");
        for (MapShapes.Shape s : list) {
            ObjectNode n = RegionJson.write(s.region());
            if (s.path() != null) {
                n.put("path", s.path());
                n.putArray("centre").add(s.centre()[0]).add(s.centre()[1]);
                ArrayNode box = n.putArray("box");
                for (double v : s.box()) {
                    box.add(v);
                }
            }
            regions.add(n);
        }
        return CachedBody.of(doc.toString().getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8",
                CachedBody.ONE_DAY);
    }

}
