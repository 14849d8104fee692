package io.tocsin.compat.ukrainealarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.view.Applied;
import io.tocsin.compat.view.CompatView;
import io.tocsin.compat.web.RepStore;
import io.tocsin.domain.Alert;
import io.tocsin.domain.RegionTree;
import io.tocsin.json.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * ukrainealarm v3 bodies (the OpenAPI 3.0.1 schema of UkraineAlarm-nodejs-server, with the 2026 alert levels):
 * ids as strings, dates in UTC with {@code Z} and three fractional digits, {@code []} never null.
 */
final class UkraineAlarmJson implements RepStore.Encoder {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final String ALERTS = "ua:alerts";
    static final String STATUS = "ua:status";
    static final String REGIONS = "ua:regions";

    private final RegionTree tree;

    UkraineAlarmJson(RegionTree tree) {
        this.tree = tree;
    }

    static String regionKey(String id) {
        return "ua:alerts:" + id;
    }

    @Override
    public void encode(CompatView view, BiConsumer<String, byte[]> out) {
        LocationTable table = view.table();
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (Location l : table.all()) {
            if (l.uaId() == null) {
                continue;
            }
            ObjectNode record = record(view, l);
            if (!view.applying(l).isEmpty()) {
                all.add(record);
            }
            out.accept(regionKey(l.uaId()), Json.bytes(Json.MAPPER.createArrayNode().add(record)));
        }
        out.accept(ALERTS, Json.bytes(all));
        out.accept(STATUS, Json.bytes(Json.MAPPER.createObjectNode().put("lastActionIndex", view.changedSeq())));
        out.accept(REGIONS, regions(table));
    }

    /** One region's AlertRegionModel as of the view: the /alerts/{id} element, and the webhook's payload. */
    ObjectNode record(CompatView view, Location l) {
        List<Applied> applying = view.applying(l);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("regionId", l.uaId());
        n.put("regionType", l.kind().ukraineAlarm());
        n.put("regionName", l.nameUk());
        n.put("regionEngName", tree.require(l.region()).nameEn());
        ArrayNode alerts = Json.MAPPER.createArrayNode();
        for (Applied a : applying) {
            Location at = a.declaredAt().uaId() != null ? a.declaredAt() : l;
            ObjectNode item = alerts.addObject();
            item.put("regionId", at.uaId());
            item.put("regionType", at.kind().ukraineAlarm());
            item.put("type", AlertLevels.type(a.alert().threat()));
            item.put("lastUpdate", TIME.format(a.alert().updatedAt()));
            AlertLevels.of(a.alert(), item.putArray("activeAlertLevels"));
        }
        n.put("lastUpdate", TIME.format(applying.isEmpty() ? view.changedAt(l) : latest(applying)));
        n.set("activeAlerts", alerts);
        return n;
    }

    private static Instant latest(List<Applied> applying) {
        Instant t = Instant.EPOCH;
        for (Applied a : applying) {
            Alert alert = a.alert();
            t = alert.updatedAt().isAfter(t) ? alert.updatedAt() : t;
        }
        return t;
    }

    /** The tree: states → districts → communities, {@code regionChildIds} always an array ({@code []} for leaves). */
    private static byte[] regions(LocationTable table) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode states = root.putArray("states");
        java.util.Map<Integer, ArrayNode> children = new java.util.HashMap<>();
        for (Location l : table.all()) {
            if (l.uaId() == null) {
                continue;
            }
            int parent = switch (l.kind()) {
                case OBLAST -> 0;
                case RAION -> l.oblastUid();
                case HROMADA -> l.raionUid();
            };
            ArrayNode into = parent == 0 ? states : children.get(parent);
            if (into == null) {
                continue; // its parent has no ukrainealarm id
            }
            ObjectNode n = into.addObject();
            n.put("regionId", l.uaId());
            n.put("regionName", l.nameUk());
            n.put("regionType", l.kind().ukraineAlarm());
            children.put(l.uid(), n.putArray("regionChildIds"));
        }
        return Json.bytes(root);
    }
}
