package io.tocsin.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.WeaponClass;

/** The API's JSON of an attack report (docs/reports.md). */
public final class ReportJson {
    private ReportJson() {
    }

    public static ObjectNode write(AttackReport r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", r.id());
        ObjectNode period = n.putObject("period");
        period.put("from", r.from().toString());
        period.put("to", r.to().toString());
        ObjectNode weapons = n.putObject("weapons");
        for (WeaponClass w : WeaponClass.values()) {
            AttackReport.Counts c = r.weapons().get(w);
            if (c != null) {
                weapons.putObject(w.wire()).put("launched", c.launched()).put("destroyed", c.destroyed());
                // put(String, Integer) writes null for a count the statement does not give
            }
        }
        ObjectNode totals = n.putObject("totals");
        totals.put("launched", r.launched());
        totals.put("destroyed", r.destroyed());
        ArrayNode regions = n.putArray("regions_struck");
        r.regionsStruck().forEach(regions::add);
        ObjectNode killed = n.putObject("killed");
        killed.put("total", r.killed());
        killed.put("children", r.killedChildren());
        ObjectNode injured = n.putObject("injured");
        injured.put("total", r.injured());
        injured.put("children", r.injuredChildren());
        if (r.responders() == null) {
            n.putNull("responders");
        } else {
            n.put("responders", r.responders());
        }
        n.put("source", r.source());
        n.put("note", r.note());
        n.put("recorded_at", r.recordedAt().toString());
        n.put("updated_at", r.updatedAt().toString());
        n.put("corrected", !r.updatedAt().equals(r.recordedAt()));
        return n;
    }
}
