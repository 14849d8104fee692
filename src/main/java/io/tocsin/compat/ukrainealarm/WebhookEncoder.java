package io.tocsin.compat.ukrainealarm;

import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.view.CompatView;
import io.tocsin.compat.view.ViewBuilder;
import io.tocsin.domain.Alert;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.EventType;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.json.Json;
import io.tocsin.push.Entry;
import io.tocsin.push.Message;
import io.tocsin.push.PushEncoder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ukrainealarm webhook's payload (docs/compat.md): on every start and all-clear, one POST per region the change
 * concerns, each the region's {@code AlertRegionModel} as {@code GET /api/v3/alerts/{regionId}} would show it right
 * after the change (the same encoding: {@link UkraineAlarmJson#record}), {@code activeAlerts: []} once it is quiet.
 * Only actual alerts: the API never shows exercises or tests. A nationwide alert concerns every oblast-level unit.
 * An update concerns the regions it added or removed, and all of them when its threat changed.
 */
public final class WebhookEncoder implements PushEncoder {
    public static final String NAME = "ukrainealarm";
    private final RegionTree tree;
    private final LocationTable table;
    /** Made on first use: the location table is built after the server listens, and this waits for it. */
    private ViewBuilder views;
    private final UkraineAlarmJson json;

    public WebhookEncoder(RegionTree tree, LocationTable table) {
        this.tree = tree;
        this.table = table;
        this.json = new UkraineAlarmJson(tree);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized List<Message> encode(Entry entry) {
        var e = entry.event().event();
        // Only public alert events: imported history, reports and settings (which carry no alert) are not pushed.
        if (!e.type().isPublic() || e.alert().status() != Status.ACTUAL) {
            return List.of();
        }
        Alert a = e.alert();
        Set<String> regions = new LinkedHashSet<>();
        if (e.type() == EventType.ISSUED || e.type() == EventType.ENDED) {
            regions.addAll(a.regions());
        } else if (e.type() == EventType.UPDATED) {
            Optional<Alert> before = entry.before().active(a.id());
            if (before.isPresent() && before.get().threat() == a.threat()) {
                before.get().regions().stream().filter(r -> !a.regions().contains(r)).forEach(regions::add);
                a.regions().stream().filter(r -> !before.get().regions().contains(r)).forEach(regions::add);
            } else {
                before.ifPresent(b -> regions.addAll(b.regions()));
                regions.addAll(a.regions());
            }
        }
        if (regions.isEmpty()) {
            return List.of();
        }
        CompatView view = views().next(entry.after(), e.at());
        List<Message> out = new ArrayList<>();
        for (Location l : locations(regions)) {
            out.add(new Message(out.size(), l.uaId(), "application/json", Json.bytes(json.record(view, l))));
        }
        return out;
    }

    /** What the POST of {@code /api/v3/webhook} answers: an example of the payload (Kyiv's record now). */
    public synchronized byte[] example(BoardSnapshot now) {
        CompatView view = views().next(now, Instant.now());
        Location kyiv = table.byUaId("31").orElse(table.iotOrder().get(1));
        return Json.bytes(json.record(view, kyiv));
    }

    private List<Location> locations(Set<String> regions) {
        Set<Location> out = new LinkedHashSet<>();
        for (String r : regions) {
            Optional<Location> l = table.ofRegion(r);
            if (l.isPresent() && l.get().uaId() != null) {
                out.add(l.get());
            } else if (tree.require(r).parentCode() == null) {
                table.iotOrder().stream().filter(o -> o.uaId() != null).forEach(out::add);
            }
        }
        return List.copyOf(out);
    }

    private synchronized ViewBuilder views() {
        if (views == null) {
            views = new ViewBuilder(tree, table);
        }
        return views;
    }
}
