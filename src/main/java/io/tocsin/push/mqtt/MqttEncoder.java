package io.tocsin.push.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.compat.locations.Location;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.view.CompatView;
import io.tocsin.compat.view.ViewBuilder;
import io.tocsin.domain.Alert;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.json.Json;
import io.tocsin.push.Entry;
import io.tocsin.push.JsonEventEncoder;
import io.tocsin.push.Message;
import io.tocsin.push.PushEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the MQTT bridge publishes, by topic ({@link Message#key}); the bridge only carries it. Per event: the event
 * on {@code tocsin/events} (the streams' JSON), the state of every region the change touches (the alert's regions,
 * their raions and oblasts, and the configured regions under them) on {@code tocsin/regions/<code>/state}, and
 * the 27-character oblast string (alerts.in.ua's order and A/P/N rule) on {@code tocsin/iot/oblasts}. On connect: the
 * state of every configured region and every region with an actual alert, and the Home Assistant discovery configs.
 * States count actual alerts only: an exercise never turns a siren on.
 */
public final class MqttEncoder implements PushEncoder {
    public static final String EVENTS = "tocsin/events";
    public static final String STATUS = "tocsin/status";
    public static final String IOT = "tocsin/iot/oblasts";

    private final RegionTree tree;
    private final LocationTable table;
    /** Made on first use: the location table is built after the server listens, and this waits for it. */
    private ViewBuilder views;
    private final List<String> configured;
    private final String discoveryPrefix;
    private final JsonEventEncoder events = new JsonEventEncoder();

    public MqttEncoder(RegionTree tree, LocationTable table, List<String> regions, String discoveryPrefix) {
        this.tree = tree;
        this.table = table;
        this.configured = regions.isEmpty()
                ? tree.ofKind(RegionKind.OBLAST).stream().map(Region::code).sorted().toList()
                : regions.stream().map(r -> tree.require(r).code()).distinct().toList();
        this.discoveryPrefix = discoveryPrefix;
    }

    public static String stateTopic(String code) {
        return "tocsin/regions/" + code + "/state";
    }

    public String configTopic(String code) {
        return discoveryPrefix + "/binary_sensor/tocsin_" + code + "/alert/config";
    }

    public String haStatusTopic() {
        return discoveryPrefix + "/status";
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public synchronized List<Message> encode(Entry entry) {
        // The states first: they are what sirens and Home Assistant act on; the event and the string follow.
        List<Message> out = new ArrayList<>();
        Alert a = entry.event().event().alert();
        boolean shown = entry.event().event().type().isPublic() && a.status() == Status.ACTUAL;
        if (shown) {
            Set<String> regions = new LinkedHashSet<>(a.regions());
            entry.before().active(a.id()).ifPresent(b -> regions.addAll(b.regions()));
            for (String code : touched(regions)) {
                out.add(state(entry.after(), code));
            }
        }
        for (Message m : events.encode(entry)) {
            out.add(new Message(0, EVENTS, m.contentType(), m.body()));
        }
        if (shown) {
            out.add(iot(entry.after(), entry.event().event().at()));
        }
        return out;
    }

    /** Everything retained, as of {@code board}: the states of configured and alerted regions and the string. */
    public synchronized List<Message> snapshot(BoardSnapshot board) {
        Set<String> codes = new LinkedHashSet<>(configured);
        for (Alert a : board.active()) {
            if (a.status() == Status.ACTUAL) {
                codes.addAll(touched(a.regions()));
            }
        }
        List<Message> out = new ArrayList<>();
        codes.forEach(c -> out.add(state(board, c)));
        out.add(iot(board, Instant.now()));
        return out;
    }

    /** Home Assistant's discovery config of each configured region: a binary sensor, device class safety. */
    public List<Message> discovery() {
        List<Message> out = new ArrayList<>();
        for (String code : configured) {
            Region r = tree.require(code);
            ObjectNode c = Json.MAPPER.createObjectNode();
            c.put("name", "Air raid alert");
            c.put("unique_id", "tocsin_" + code + "_alert");
            c.put("object_id", "tocsin_" + code.toLowerCase(java.util.Locale.ROOT).replace('-', '_') + "_alert");
            c.put("device_class", "safety");
            c.put("state_topic", stateTopic(code));
            c.put("value_template", "{{ 'ON' if value_json.under_alert else 'OFF' }}");
            c.put("payload_on", "ON");
            c.put("payload_off", "OFF");
            c.put("json_attributes_topic", stateTopic(code));
            c.put("availability_topic", STATUS);
            c.put("payload_available", "online");
            c.put("payload_not_available", "offline");
            ObjectNode device = c.putObject("device");
            device.putArray("identifiers").add("tocsin_" + code);
            device.put("name", "Tocsin " + r.nameEn());
            device.put("manufacturer", "Tocsin");
            device.put("model", r.kind().wire());
            out.add(new Message(0, configTopic(code), "application/json", Json.bytes(c)));
        }
        return out;
    }

    /** The regions a change on {@code regions} touches: each with its ancestors, and configured ones below them. */
    private List<String> touched(java.util.Collection<String> regions) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : regions) {
            for (Region up : tree.chain(r)) {
                if (up.kind() != RegionKind.COUNTRY) {
                    out.add(up.code());
                }
            }
            for (String c : configured) {
                if (tree.isSelfOrAncestor(r, c)) {
                    out.add(c);
                }
            }
        }
        return List.copyOf(out);
    }

    private Message state(BoardSnapshot board, String code) {
        Region r = tree.require(code);
        List<Alert> covering = board.covering(code).stream().filter(a -> a.status() == Status.ACTUAL).toList();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("region", code);
        n.put("name_uk", r.nameUk());
        n.put("name_en", r.nameEn());
        n.put("under_alert", !covering.isEmpty());
        ArrayNode threats = n.putArray("threats");
        covering.stream().map(a -> a.threat() == io.tocsin.domain.Threat.AIR_RAID ? a.threat().wire(a.subtype())
                        : a.threat().wire())
                .distinct().sorted().forEach(threats::add);
        n.put("stage", covering.isEmpty() ? null : covering.stream().anyMatch(a -> a.stage() == Stage.ALERT)
                ? Stage.ALERT.wire() : Stage.PRE_ALERT.wire());
        n.put("since", covering.stream().map(Alert::issuedAt).min(Comparator.naturalOrder()).map(Instant::toString)
                .orElse(null));
        n.put("parts_under_alert", board.withinParts(code).stream().anyMatch(a -> a.status() == Status.ACTUAL));
        n.put("seq", board.seq());
        return new Message(0, stateTopic(code), "application/json", Json.bytes(n));
    }

    private Message iot(BoardSnapshot board, Instant at) {
        CompatView view = views().next(board, at);
        StringBuilder sb = new StringBuilder(27);
        for (Location l : table.iotOrder()) {
            sb.append(view.status(l));
        }
        return new Message(0, IOT, "text/plain", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized ViewBuilder views() {
        if (views == null) {
            views = new ViewBuilder(tree, table);
        }
        return views;
    }
}
