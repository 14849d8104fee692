package io.tocsin.compat.alertsinua;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.view.CompatView;
import io.tocsin.compat.view.Declared;
import io.tocsin.compat.web.Ids;
import io.tocsin.compat.web.RepStore;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Threat;
import io.tocsin.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * alerts.in.ua v1 bodies, with the types and formats its strictest clients enforce: {@code location_uid} a string,
 * {@code location_oblast_uid} an int, times {@code …T16:45:39.000Z}, the envelope's {@code 2024/05/06 10:02:45
 * +0000}, every key present (docs/compat.md).
 */
final class AlertsInUaJson implements RepStore.Encoder {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter ENVELOPE = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss '+0000'")
            .withZone(ZoneOffset.UTC);
    static final String DISCLAIMER = "Served by Tocsin in the alerts.in.ua v1 format; alerts come from this Tocsin "
            + "server's operators, not from alerts.in.ua.";

    static final String ACTIVE = "aiu:active";
    static final String OBLASTS = "aiu:oblasts";
    static final String UIDS = "aiu:uids";

    static String uidKey(int uid) {
        return "aiu:uid:" + uid;
    }

    @Override
    public void encode(CompatView view, BiConsumer<String, byte[]> out) {
        LocationTable table = view.table();
        out.accept(ACTIVE, envelope(table, view.declared().stream().map(d -> new Row(d, null, null)).toList(),
                view.changedAt()));
        StringBuilder oblasts = new StringBuilder(27);
        for (Location l : table.iotOrder()) {
            oblasts.append(view.status(l));
        }
        out.accept(OBLASTS, string(oblasts.toString()));
        char[] byUid = new char[table.maxUid() + 1];
        java.util.Arrays.fill(byUid, ' ');
        for (Location l : table.all()) {
            char s = view.status(l);
            byUid[l.uid()] = s;
            out.accept(uidKey(l.uid()), string(String.valueOf(s)));
        }
        for (int city : table.cities().keySet()) {
            out.accept(uidKey(city), string(String.valueOf(view.status(table.byUid(city).orElseThrow()))));
        }
        out.accept(UIDS, string(new String(byUid)));
    }

    /** One record: an alert for a location, with the span it covered there (history) or since it was issued. */
    record Row(Declared declared, Instant from, Instant to) {
    }

    static byte[] envelope(LocationTable table, List<Row> rows, Instant updated) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode alerts = root.putArray("alerts");
        for (Row row : rows) {
            String type = alertType(row.declared().alert().threat());
            if (type != null) {
                alerts.add(alert(table, row, type));
            }
        }
        root.putObject("meta").put("last_updated_at", ENVELOPE.format(updated)).put("type", "full");
        root.put("disclaimer", DISCLAIMER);
        return Json.bytes(root);
    }

    private static ObjectNode alert(LocationTable table, Row row, String type) {
        Alert a = row.declared().alert();
        Location l = row.declared().location();
        Location oblast = table.byUid(l.oblastUid()).orElse(l);
        Location raion = l.raionUid() == 0 ? null : table.byUid(l.raionUid()).orElse(null);
        Instant started = row.from() != null ? row.from() : a.issuedAt();
        Instant finished = row.from() != null ? row.to() : a.endedAt();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", Ids.of(a.id(), l.uid()));
        n.put("location_title", l.nameUk());
        n.put("location_type", l.kind().alertsInUa());
        n.put("started_at", TIME.format(started));
        n.put("finished_at", finished == null ? null : TIME.format(finished));
        n.put("updated_at", TIME.format(a.updatedAt()));
        n.put("alert_type", type);
        n.put("location_uid", Integer.toString(l.uid()));
        n.put("location_oblast", oblast.nameUk());
        n.put("location_oblast_uid", oblast.uid());
        n.put("location_raion", raion == null ? null : raion.nameUk());
        n.putNull("notes");
        n.putNull("calculated");
        n.putNull("country");
        n.put("alert_level", level(a));
        return n;
    }

    /** The alerts.in.ua type, or null for a threat that API has no name for (info is never emitted). */
    static String alertType(Threat t) {
        return switch (t) {
            case AIR_RAID -> "air_raid";
            case ARTILLERY -> "artillery_shelling";
            case URBAN_FIGHTS -> "urban_fights";
            case CHEMICAL -> "chemical";
            case NUCLEAR -> "nuclear";
            case INFO -> null;
        };
    }

    /** yellow for drones, red for missiles and aviation, null when the subtype does not say (docs/compat.md). */
    static String level(Alert a) {
        if (a.threat() != Threat.AIR_RAID) {
            return null;
        }
        return switch (a.subtype()) {
            case DRONES -> "yellow";
            case CRUISE_MISSILE, BALLISTIC_MISSILE, AVIATION -> "red";
            default -> null;
        };
    }

    static byte[] string(String s) {
        return ("\"" + s + "\"").getBytes(StandardCharsets.UTF_8);
    }
}
