package io.tocsin.region;

import io.tocsin.domain.Region;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.AbstractNode;
import org.locationtech.jts.index.strtree.Boundable;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * One level of boundaries (hromadas, raions or oblasts) indexed for point-in-polygon: an STR-tree over the
 * polygons' envelopes narrows 1,466 polygons to the two or three whose box holds the point, then an
 * {@link IndexedPointInAreaLocator} per polygon (an interval tree over its edges, built on the polygon's first
 * query) decides in O(log n) instead of walking all of its edges.
 *
 * <p>The tree is walked here rather than through {@code STRtree.query}: that method enters a synchronized
 * {@code build()} and fills a fresh list on every call, while a built tree is immutable and can be read by any
 * number of event-loop threads at once without allocating.
 */
final class PolygonLayer {
    /** A polygon with the answer it gives: the chain of its region, nearest first, computed once. */
    record Entry(Geometry geometry, List<Region> chain, IndexedPointInAreaLocator locator) {
        Entry(Geometry geometry, List<Region> chain) {
            this(geometry, List.copyOf(chain), new IndexedPointInAreaLocator(geometry));
        }
    }

    private final AbstractNode root;
    private final int size;

    PolygonLayer(List<Entry> entries) {
        // Node capacity 8 rather than 10: a slightly deeper tree of smaller nodes tests fewer boxes per point.
        STRtree index = new STRtree(8);
        for (Entry e : entries) {
            index.insert(e.geometry().getEnvelopeInternal(), e);
        }
        index.build();
        this.root = index.getRoot();
        this.size = entries.size();
        computeBounds(root);
    }

    /**
     * Node boxes are computed lazily by JTS; computing them all now means lookups only ever read, and the final
     * field publishes the finished tree safely to every thread.
     */
    private static void computeBounds(AbstractNode node) {
        node.getBounds();
        for (Object child : node.getChildBoundables()) {
            if (child instanceof AbstractNode inner) {
                computeBounds(inner);
            }
        }
    }

    /** The chain of the first polygon that holds (x = lon, y = lat), boundary included, or null when none does. */
    List<Region> find(double x, double y) {
        return size == 0 ? null : search(root, x, y);
    }

    int size() {
        return size;
    }

    private static List<Region> search(AbstractNode node, double x, double y) {
        List<?> children = node.getChildBoundables();
        for (int i = 0, n = children.size(); i < n; i++) {
            Boundable child = (Boundable) children.get(i);
            if (!((Envelope) child.getBounds()).covers(x, y)) {
                continue;
            }
            if (child instanceof AbstractNode inner) {
                List<Region> found = search(inner, x, y);
                if (found != null) {
                    return found;
                }
            } else {
                Entry entry = (Entry) ((ItemBoundable) child).getItem();
                if (entry.locator().locate(new CoordinateXY(x, y)) != Location.EXTERIOR) {
                    return entry.chain();
                }
            }
        }
        return null;
    }
}
