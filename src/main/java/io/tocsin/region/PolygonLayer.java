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

    /**
     * Side of a grid cell in degrees (about 1.5 km): small enough that most cells lie wholly inside one hromada,
     * so a point there is answered by one array read instead of a polygon test.
     */
    static final double CELL = 0.02;
    /** A cell that straddles a border (or lies outside every polygon): its points are tested exactly. */
    private static final Object MIXED = new Object();

    private final AbstractNode root;
    private final int size;
    private final Envelope bounds;
    private final int columns;
    private final int rows;
    /** Per cell: null (not yet classified), the Entry that covers the whole cell, or MIXED. Races are benign. */
    private final Object[] cells;

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
        this.bounds = size == 0 ? new Envelope() : (Envelope) root.getBounds();
        this.columns = size == 0 ? 0 : (int) Math.ceil(bounds.getWidth() / CELL) + 1;
        this.rows = size == 0 ? 0 : (int) Math.ceil(bounds.getHeight() / CELL) + 1;
        this.cells = new Object[columns * rows];
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
        if (size == 0 || !bounds.covers(x, y)) {
            return null;
        }
        int cell = (int) ((y - bounds.getMinY()) / CELL) * columns + (int) ((x - bounds.getMinX()) / CELL);
        Object known = cells[cell];
        if (known == null) {
            known = classify(cell);
            cells[cell] = known;
        }
        return known instanceof Entry whole ? whole.chain() : search(root, x, y);
    }

    /** The polygon that covers the whole cell, or MIXED. Done once per cell, on the first point that falls in it. */
    private Object classify(int cell) {
        double minX = bounds.getMinX() + (cell % columns) * CELL;
        double minY = bounds.getMinY() + (cell / columns) * CELL;
        Envelope box = new Envelope(minX, minX + CELL, minY, minY + CELL);
        Geometry rect = root.getChildBoundables().isEmpty() ? null
                : new org.locationtech.jts.geom.GeometryFactory().toGeometry(box);
        Entry[] found = {null};
        coverSearch(root, box, rect, found);
        return found[0] != null ? found[0] : MIXED;
    }

    private static void coverSearch(AbstractNode node, Envelope box, Geometry rect, Entry[] found) {
        for (Object o : node.getChildBoundables()) {
            Boundable child = (Boundable) o;
            if (found[0] != null || !((Envelope) child.getBounds()).covers(box)) {
                continue;
            }
            if (child instanceof AbstractNode inner) {
                coverSearch(inner, box, rect, found);
            } else {
                Entry entry = (Entry) ((ItemBoundable) child).getItem();
                if (entry.geometry().covers(rect)) {
                    found[0] = entry;
                }
            }
        }
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
