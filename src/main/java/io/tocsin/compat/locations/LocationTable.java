package io.tocsin.compat.locations;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.tocsin.startup.Deferred;

/**
 * Every alerts.in.ua uid and ukrainealarm id, and the Tocsin region each one is: one table for both APIs, because
 * they share one numbering (docs/compat.md). City uids (5000 + hromada) are accepted as their hromada.
 */
public final class LocationTable {
    /**
     * The 27 oblast-level uids in the order of alerts.in.ua's IoT string (devs.alerts.in.ua): not alphabetical
     * (Волинська before Вінницька), and clients hard-code it, so it is fixed here, not derived from names.
     */
    public static final List<Integer> IOT_ORDER = List.of(29, 8, 4, 9, 28, 10, 11, 12, 13, 31, 14, 15, 16, 27, 17, 18,
            19, 5, 30, 20, 21, 22, 23, 3, 24, 26, 25);
    /** alerts.in.ua's city uids are the hromada's uid plus this. */
    public static final int CITY_OFFSET = 5000;

    private final Deferred<Index> index;

    LocationTable(List<Location> all, Map<Integer, String> cityNames) {
        this.index = Deferred.done(WHAT, new Index(all, cityNames));
    }

    private LocationTable(Deferred<Index> index) {
        this.index = index;
    }

    private static final String WHAT = "the compatibility APIs' location table";

    /**
     * A table built by {@code build} when {@link #loadInBackground()} is called (a server does once it listens) or
     * on first use, which waits for it.
     */
    static LocationTable deferred(Supplier<LocationTable> build) {
        return new LocationTable(Deferred.of(WHAT, () -> build.get().index.get()));
    }

    /** Starts building the table on a background thread, unless that has begun; returns at once. */
    public void loadInBackground() {
        index.start();
    }

    /** The lookups, built once and then only read. */
    private static final class Index {
        private final List<Location> all;
        private final Map<Integer, Location> byUid = new HashMap<>();
        private final Map<String, Location> byUaId = new HashMap<>();
        private final Map<String, Location> byRegion = new HashMap<>();
        private final Map<Integer, String> cityNames;
        private final List<Location> iot;
        private final int maxUid;

        Index(List<Location> all, Map<Integer, String> cityNames) {
            this.all = List.copyOf(all);
            this.cityNames = Map.copyOf(cityNames);
            int max = 0;
            for (Location l : all) {
                put(byUid, l.uid(), l, "uid");
                if (l.uaId() != null) {
                    put(byUaId, l.uaId(), l, "ukrainealarm id");
                }
                put(byRegion, l.region(), l, "region");
                max = Math.max(max, l.uid());
            }
            this.maxUid = max;
            this.iot = IOT_ORDER.stream().map(u -> require(byUid.get(u), "IoT uid " + u)).toList();
            for (int city : cityNames.keySet()) {
                require(byUid.get(city - CITY_OFFSET), "the hromada of city uid " + city);
            }
        }
    }

    private static <K> void put(Map<K, Location> map, K key, Location l, String what) {
        Location old = map.put(key, l);
        if (old != null) {
            throw new IllegalStateException("two locations share the " + what + " " + key + ": " + old + ", " + l);
        }
    }

    private static Location require(Location l, String what) {
        if (l == null) {
            throw new IllegalStateException("the location table lacks " + what);
        }
        return l;
    }

    /** Every location (not the city aliases), by uid. */
    public List<Location> all() {
        return index.get().all;
    }

    /** The location with this uid; a city uid gives its hromada. */
    public Optional<Location> byUid(int uid) {
        Index i = index.get();
        Location l = i.byUid.get(uid);
        if (l == null && i.cityNames.containsKey(uid)) {
            l = i.byUid.get(uid - CITY_OFFSET);
        }
        return Optional.ofNullable(l);
    }

    /** The location with this ukrainealarm regionId. */
    public Optional<Location> byUaId(String id) {
        return Optional.ofNullable(id == null ? null : index.get().byUaId.get(id));
    }

    /** The location that is this Tocsin region, if any. */
    public Optional<Location> ofRegion(String code) {
        return Optional.ofNullable(code == null ? null : index.get().byRegion.get(code));
    }

    /** The 27 oblast-level locations in {@link #IOT_ORDER}. */
    public List<Location> iotOrder() {
        return index.get().iot;
    }

    /** The highest uid that is not a city alias: the uid-indexed IoT string is one longer. */
    public int maxUid() {
        return index.get().maxUid;
    }

    /** City uid → its name (м. Харків for 6293). */
    public Map<Integer, String> cities() {
        return Collections.unmodifiableMap(index.get().cityNames);
    }
}
