package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.WeaponClass;
import io.tocsin.json.Json;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nightly totals of the reports: one entry per Kyiv date on which a report's period ends (a night that begins on
 * the 6th and ends on the morning of the 7th is the 7th, as the Air Force dates its morning statements).
 */
final class NightlySeries {
    private NightlySeries() {
    }

    static ObjectNode of(List<AttackReport> reports) {
        Map<LocalDate, int[]> byNight = new TreeMap<>();
        int n = WeaponClass.values().length;
        for (AttackReport r : reports) {
            LocalDate night = r.to().atZone(StatsWindow.KYIV).toLocalDate();
            int[] t = byNight.computeIfAbsent(night, k -> new int[2 * n + 5]);
            r.weapons().forEach((w, c) -> {
                t[2 * w.ordinal()] += c.launched();
                t[2 * w.ordinal() + 1] += c.destroyed() == null ? 0 : c.destroyed();
            });
            t[2 * n] += r.killed();
            t[2 * n + 1] += r.killedChildren();
            t[2 * n + 2] += r.injured();
            t[2 * n + 3] += r.injuredChildren();
            t[2 * n + 4]++;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("time_zone", StatsWindow.KYIV.getId());
        ArrayNode nights = body.putArray("nights");
        byNight.forEach((night, t) -> {
            ObjectNode o = nights.addObject();
            o.put("night", night.toString());
            o.put("reports", t[2 * n + 4]);
            int launched = 0;
            int destroyed = 0;
            ObjectNode weapons = o.putObject("weapons");
            for (WeaponClass w : WeaponClass.values()) {
                weapons.putObject(w.wire()).put("launched", t[2 * w.ordinal()]).put("destroyed", t[2 * w.ordinal() + 1]);
                launched += t[2 * w.ordinal()];
                destroyed += t[2 * w.ordinal() + 1];
            }
            o.put("launched", launched);
            o.put("destroyed", destroyed);
            o.putObject("killed").put("total", t[2 * n]).put("children", t[2 * n + 1]);
            o.putObject("injured").put("total", t[2 * n + 2]).put("children", t[2 * n + 3]);
        });
        return body;
    }
}
