package io.tocsin.compat.locations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link LocationTable} at start from the shipped inputs (docs/regions.md): the Ukraine Alarm region
 * list gives every id with its parent; oblasts are joined through {@code derived_oblasts.csv}'s Ukraine Alarm column,
 * raions by name within their oblast (current or former name, {@code derived_raions.csv}), hromadas by name within
 * their raion, except the 18 that names cannot decide ({@code hromada_matches.csv}: two hromadas of one name in a
 * raion, or a misspelling), and the 24 alerts.in.ua uids Ukraine Alarm lacks come from
 * {@code locations_outside_ukrainealarm.csv}. Anything that does not match exactly one region fails the build of the
 * table, and with it every compatibility request (LocationTableTest holds the shipped data to this): a wrong mapping
 * would send an alert to the wrong place.
 */
public final class LocationTableLoader {
    static final String UKRAINEALARM = "data/compat/ukrainealarm_regions_states.json";
    static final String OUTSIDE = "data/compat/locations_outside_ukrainealarm.csv";
    static final String HROMADA_MATCHES = "data/compat/hromada_matches.csv";
    static final String OBLASTS = "data/derived_oblasts.csv";
    static final String RAIONS = "data/derived_raions.csv";
    /** Crimea is 29 on alerts.in.ua and 9999 for ukrainealarm clients (JAAM); the 2022 list has no Crimea at all. */
    static final int CRIMEA = 29;
    static final String CRIMEA_UKRAINEALARM = "9999";

    private final RegionTree tree;
    private final List<Location> out = new ArrayList<>();
    private final Map<Integer, Location> byUid = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> formerNames = new HashMap<>();
    private final Map<String, String> hromadaMatches = new HashMap<>();
    /** Each Tocsin region's name key, made once (a raion's hromadas are compared with every id of the raion). */
    private final Map<String, String> keys = new HashMap<>();

    private LocationTableLoader(RegionTree tree) {
        this.tree = tree;
    }

    public static LocationTable load(RegionTree tree) {
        return new LocationTableLoader(tree).build();
    }

    /**
     * The table, built on a background thread once {@link LocationTable#loadInBackground()} is called or by its
     * first use (a server's start does not wait for the some 3,300 name matches). A mismatch, which
     * LocationTableTest rules out for the shipped data, then fails every compatibility request instead of the start.
     */
    public static LocationTable deferred(RegionTree tree) {
        return LocationTable.deferred(() -> load(tree));
    }

    private LocationTable build() {
        for (String[] row : csv(RAIONS)) {
            if (!row[6].isBlank()) {
                formerNames.put(row[0], row[6]);
            }
        }
        for (String[] row : csv(HROMADA_MATCHES)) {
            hromadaMatches.put(row[0], row[1]);
        }
        Map<String, String> isoByState = new HashMap<>();
        for (String[] row : csv(OBLASTS)) {
            if (row.length > 7 && !row[7].isBlank()) {
                isoByState.put(row[7], row[3]);
            }
        }
        JsonNode states;
        try (InputStream in = open(UKRAINEALARM)) {
            states = new ObjectMapper().readTree(in).get("states");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode s : states) {
            String id = s.get("stateId").asText();
            String iso = isoByState.get(id);
            if (iso == null) {
                throw new IllegalStateException("derived_oblasts.csv has no oblast for Ukraine Alarm state " + id);
            }
            Location oblast = add(new Location(Integer.parseInt(id), id, Location.Kind.OBLAST,
                    s.get("stateName").asText(), tree.require(iso).code(), Integer.parseInt(id), 0));
            for (JsonNode d : s.get("districts")) {
                String did = d.get("districtId").asText();
                Location raion = add(raion(Integer.parseInt(did), did, d.get("districtName").asText(), oblast));
                for (JsonNode c : d.get("communities")) {
                    String cid = c.get("communityId").asText();
                    add(hromada(Integer.parseInt(cid), cid, c.get("communityName").asText(), raion));
                }
            }
        }
        Map<Integer, String> cities = new HashMap<>();
        for (String[] row : csv(OUTSIDE)) {
            int uid = Integer.parseInt(row[0]);
            String name = row[1];
            switch (row[2]) {
                case "standalone" -> add(new Location(uid, uid == CRIMEA ? CRIMEA_UKRAINEALARM : null,
                        Location.Kind.OBLAST, name, oblastNamed(name).code(), uid, 0));
                case "district" -> add(raion(uid, null, name, known(Integer.parseInt(row[3]))));
                case "hromada" -> add(hromada(uid, null, name, known(Integer.parseInt(row[4]))));
                case "city" -> {
                    Location h = known(uid - LocationTable.CITY_OFFSET);
                    if (h.oblastUid() != Integer.parseInt(row[3]) || h.raionUid() != Integer.parseInt(row[4])) {
                        throw new IllegalStateException("city uid " + uid + " is not in the raion " + row[4]);
                    }
                    cities.put(uid, name);
                }
                default -> throw new IllegalStateException("unknown location type " + row[2] + " for uid " + uid);
            }
        }
        out.sort(java.util.Comparator.comparingInt(Location::uid));
        return new LocationTable(out, cities);
    }

    private Location add(Location l) {
        if (byUid.put(l.uid(), l) != null) {
            throw new IllegalStateException("uid " + l.uid() + " is listed twice");
        }
        if (!used.add(l.region())) {
            throw new IllegalStateException("region " + l.region() + " is matched twice, the second time by " + l);
        }
        out.add(l);
        return l;
    }

    private Location known(int uid) {
        Location l = byUid.get(uid);
        if (l == null) {
            throw new IllegalStateException("uid " + uid + " is used before it is defined");
        }
        return l;
    }

    private Location raion(int uid, String uaId, String name, Location oblast) {
        String key = Names.key(name);
        List<Region> hits = tree.children(oblast.region()).stream().filter(r -> r.kind() == RegionKind.RAION)
                .filter(r -> key(r).equals(key)
                        || formerNames.containsKey(r.code()) && Names.key(formerNames.get(r.code())).equals(key))
                .toList();
        Region r = only(hits, uid, name, oblast);
        return new Location(uid, uaId, Location.Kind.RAION, r.nameUk(), r.code(), oblast.uid(), uid);
    }

    private Location hromada(int uid, String uaId, String name, Location raion) {
        String fixed = hromadaMatches.get(Integer.toString(uid));
        String wanted = Names.key(name);
        List<Region> hits = tree.children(raion.region()).stream().filter(r -> r.kind() == RegionKind.HROMADA)
                .filter(r -> fixed != null ? r.code().equals(fixed) : key(r).equals(wanted))
                .toList();
        Region r = only(hits, uid, name, raion);
        return new Location(uid, uaId, Location.Kind.HROMADA, name, r.code(), raion.oblastUid(), raion.uid());
    }

    private String key(Region r) {
        return keys.computeIfAbsent(r.code(), c -> Names.key(r.nameUk()));
    }

    private Region oblastNamed(String name) {
        List<Region> hits = tree.ofKind(RegionKind.OBLAST).stream()
                .filter(r -> Names.key(r.nameUk()).equals(Names.key(name))).toList();
        return only(hits, 0, name, null);
    }

    private static Region only(List<Region> hits, int uid, String name, Location parent) {
        if (hits.size() != 1) {
            throw new IllegalStateException((hits.isEmpty() ? "no" : hits.size()) + " Tocsin regions match location "
                    + uid + " " + name + (parent == null ? "" : " in " + parent.nameUk()) + ": " + hits);
        }
        return hits.get(0);
    }

    private static List<String[]> csv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            in.readLine(); // the header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static InputStream open(String resource) {
        InputStream in = LocationTableLoader.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return in;
    }
}
