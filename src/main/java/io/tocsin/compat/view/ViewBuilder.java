package io.tocsin.compat.view;

import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.domain.Alert;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes each {@link CompatView} from a board snapshot and the previous view (to keep the times of what did not
 * change). One caller at a time: the compat encoder thread.
 */
public final class ViewBuilder {
    private final RegionTree tree;
    private final LocationTable table;
    /**
     * Each location's region chain, nearest first: computed by the first view (on the encoding thread, so that
     * making the builder does not wait for the location table), then read per view.
     */
    private Map<Integer, List<String>> chains;
    private CompatView previous;

    public ViewBuilder(RegionTree tree, LocationTable table) {
        this.tree = tree;
        this.table = table;
    }

    private Map<Integer, List<String>> chains() {
        if (chains == null) {
            Map<Integer, List<String>> c = new HashMap<>();
            for (Location l : table.all()) {
                c.put(l.uid(), tree.chain(l.region()).stream().map(Region::code).toList());
            }
            chains = c;
        }
        return chains;
    }

    public LocationTable table() {
        return table;
    }

    public CompatView next(BoardSnapshot snapshot, Instant now) {
        List<Alert> alerts = snapshot.active().stream().filter(a -> a.status() == Status.ACTUAL).toList();
        Map<String, List<Alert>> declaredOn = new HashMap<>();
        Set<String> partlyAlerted = new HashSet<>();
        List<Declared> declared = new ArrayList<>();
        for (Alert a : alerts) {
            for (String r : a.regions()) {
                declaredOn.computeIfAbsent(r, k -> new ArrayList<>()).add(a);
                if (a.threat() == Threat.AIR_RAID) {
                    List<Region> up = tree.chain(r);
                    for (int i = 1; i < up.size(); i++) {
                        partlyAlerted.add(up.get(i).code());
                    }
                }
                var at = table.ofRegion(r);
                if (at.isPresent()) {
                    declared.add(new Declared(a, at.get()));
                } else if (tree.require(r).parentCode() == null) {
                    // Nationwide: both APIs know it only as every oblast-level unit's alert.
                    table.iotOrder().forEach(o -> declared.add(new Declared(a, o)));
                }
            }
        }
        Map<Integer, List<Applied>> applying = new HashMap<>();
        Map<Integer, Character> status = new HashMap<>();
        Map<Integer, Instant> changed = new HashMap<>();
        for (Location l : table.all()) {
            Location oblast = table.byUid(l.oblastUid()).orElse(l);
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            List<Applied> list = new ArrayList<>();
            boolean air = false;
            for (String code : chains().get(l.uid())) {
                for (Alert a : declaredOn.getOrDefault(code, List.of())) {
                    if (seen.add(a.id())) {
                        list.add(new Applied(a, table.ofRegion(code).orElse(oblast)));
                        air |= a.threat() == Threat.AIR_RAID;
                    }
                }
            }
            char s = air ? CompatView.ALERT : partlyAlerted.contains(l.region()) ? CompatView.PARTLY : CompatView.NONE;
            if (!list.isEmpty()) {
                applying.put(l.uid(), List.copyOf(list));
            }
            status.put(l.uid(), s);
            boolean same = previous != null && previous.applying(l).equals(list) && previous.status(l) == s;
            changed.put(l.uid(), same ? previous.changedAt(l) : now);
        }
        boolean same = previous != null && previous.alerts().equals(alerts);
        CompatView v = new CompatView(snapshot.seq(), table, alerts, List.copyOf(declared), Map.copyOf(applying),
                Map.copyOf(status), same ? previous.changedAt() : now, same ? previous.changedSeq() : snapshot.seq(),
                Map.copyOf(changed));
        previous = v;
        return v;
    }
}
