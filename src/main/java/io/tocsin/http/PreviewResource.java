package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.Stage;
import io.tocsin.domain.StandardTexts;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.json.AlertJson;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * POST /api/v1/alerts/preview (an issue's body) and POST /api/v1/alerts/{id}/preview (an update's body; {@code {}}
 * for the alert as it is, before an all-clear or a retraction): what the write would do, decided by the desk's own
 * rules and recorded nowhere. The alert exactly as it would be (standard texts filled in), its regions in words
 * with how many hromadas each holds, whether it reaches the public at once or waits for a second operator, and
 * for an alert on a whole oblast or more, the name the console asks the operator to type before an actual one.
 */
final class PreviewResource {
    /** An alert touching this many oblast-level units is wide even when declared on raions or hromadas. */
    static final int WIDE_OBLASTS = 3;

    private final Vertx vertx;
    private final AlertDesk desk;
    private final RegionTree tree;
    private final Auth auth;
    private final Map<String, Integer> hromadas = new ConcurrentHashMap<>();

    PreviewResource(Vertx vertx, AlertDesk desk, RegionTree tree, Auth auth) {
        this.vertx = vertx;
        this.desk = desk;
        this.tree = tree;
        this.auth = auth;
    }

    void mount(Router r) {
        ObjectNode texts = standardTexts();
        // Public: the standard wording is in the README and on every alert; the console prefills its fields from it.
        r.get("/api/v1/standard-texts").handler(ctx -> Replies.ok(ctx, texts));
        r.post("/api/v1/alerts/preview").handler(ctx -> preview(ctx,
                actor -> desk.previewIssue(actor, AlertRequests.issue(ctx.body().buffer())), false));
        r.post("/api/v1/alerts/:id/preview").handler(ctx -> preview(ctx,
                actor -> desk.previewUpdate(actor, AlertRequests.update(ctx.pathParam("id"), ctx.body().buffer())),
                true));
    }

    private void preview(RoutingContext ctx, Function<Actor, Event> decide, boolean update) {
        Auth.Credentials c = Auth.credentials(ctx);
        Blocking.run(vertx, ctx, () -> body(decide.apply(auth.require(c, Role.ADMIN, Role.OPERATOR)), update),
                body -> Replies.ok(ctx, body));
    }

    private ObjectNode body(Event e, boolean update) {
        Alert a = e.alert();
        boolean held = e.type() == EventType.APPROVAL_REQUESTED;
        ObjectNode n = io.tocsin.json.Json.MAPPER.createObjectNode();
        n.put("outcome", held ? "pending_approval" : update ? "updated" : "issued");
        n.put("reaches_public", a.status() == Status.ACTUAL && !held);
        ObjectNode alert = AlertJson.writePublic(a);
        if (!update) {
            alert.remove("id");
        }
        n.set("alert", alert);
        Set<String> oblasts = new HashSet<>();
        ArrayNode regions = n.putArray("regions");
        Region widest = null;
        int total = 0;
        for (String code : a.regions()) {
            Region r = tree.require(code);
            tree.oblastOf(code).ifPresent(o -> oblasts.add(o.code()));
            int count = hromadasIn(r);
            total += count;
            ObjectNode x = RegionJson.write(r);
            x.put("hromadas", count);
            regions.add(x);
            if (r.kind() == RegionKind.OBLAST && (widest == null || count > hromadasIn(widest))) {
                widest = r;
            }
        }
        n.put("hromada_count", total);
        n.put("oblast_count", oblasts.size());
        boolean nationwide = oblasts.size() == tree.ofKind(RegionKind.OBLAST).size();
        if (nationwide || widest != null || oblasts.size() >= WIDE_OBLASTS) {
            ObjectNode name = n.putObject("confirm_name");
            if (nationwide || widest == null) {
                name.put("uk", "Україна");
                name.put("en", "Ukraine");
            } else {
                name.put("uk", widest.nameUk());
                name.put("en", widest.nameEn());
            }
        } else {
            n.putNull("confirm_name");
        }
        return n;
    }

    /** Every standard text, keyed {@code threat[:subtype]/stage}, as StandardTexts words them. */
    static ObjectNode standardTexts() {
        ObjectNode out = io.tocsin.json.Json.MAPPER.createObjectNode();
        ObjectNode all = out.putObject("texts");
        for (Threat t : Threat.values()) {
            for (Threat.Subtype st : Threat.Subtype.values()) {
                if ((t == Threat.AIR_RAID) == (st == Threat.Subtype.NONE)) {
                    continue;
                }
                for (Stage stage : Stage.values()) {
                    Texts x = StandardTexts.of(t, st, stage);
                    ObjectNode n = all.putObject((t == Threat.AIR_RAID ? t.wire(st) : t.wire()) + "/" + stage.wire());
                    n.putObject("headline").put("uk", x.headlineUk()).put("en", x.headlineEn());
                    n.putObject("instruction").put("uk", x.instructionUk()).put("en", x.instructionEn());
                }
            }
        }
        return out;
    }

    /** Hromadas in a region (1 for a hromada), counted once per region. */
    private int hromadasIn(Region r) {
        if (r.kind() == RegionKind.HROMADA) {
            return 1;
        }
        Integer known = hromadas.get(r.code());
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the count recurses into the children, which a ConcurrentHashMap does not allow.
        int n = 0;
        for (Region child : tree.children(r.code())) {
            n += hromadasIn(child);
        }
        hromadas.put(r.code(), n);
        return n;
    }
}
