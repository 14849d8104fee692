package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.WeaponClass;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The public page of one night's report beside its alerts: plain server-made HTML, no script and no inline style
 * (the strict Content-Security-Policy holds), tables a screen reader reads as they are.
 */
final class ReportPage {
    private static final DateTimeFormatter KYIV = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(StatsWindow.KYIV);

    private ReportPage() {
    }

    static String html(AttackReport r, ObjectNode withAlerts, RegionTree tree) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>Атака ")
                .append(KYIV.format(r.from())).append(" — ").append(KYIV.format(r.to())).append(" · Tocsin</title>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body><main>")
                .append("<h1>Атака в ніч на ").append(r.to().atZone(StatsWindow.KYIV).toLocalDate())
                .append(" <span lang=\"en\">(attack report)</span></h1>")
                .append("<p>Період (час київський): ").append(KYIV.format(r.from())).append(" — ")
                .append(KYIV.format(r.to())).append(". Джерело: <a href=\"").append(esc(r.source())).append("\">")
                .append(esc(r.source())).append("</a>").append(r.updatedAt().equals(r.recordedAt()) ? ""
                        : " · виправлено " + KYIV.format(r.updatedAt())).append("</p>");
        h.append("<table><caption>Засоби ураження / Weapons</caption><thead><tr><th scope=\"col\">Клас</th>")
                .append("<th scope=\"col\">Запущено</th><th scope=\"col\">Знешкоджено</th></tr></thead><tbody>");
        for (WeaponClass w : WeaponClass.values()) {
            AttackReport.Counts c = r.weapons().get(w);
            if (c != null) {
                h.append("<tr><th scope=\"row\">").append(w.wire()).append("</th><td>").append(c.launched())
                        .append("</td><td>").append(c.destroyed() == null ? "не повідомлено" : c.destroyed())
                        .append("</td></tr>");
            }
        }
        h.append("</tbody></table>");
        h.append("<p>Загинули: ").append(r.killed()).append(" (діти: ").append(r.killedChildren())
                .append("). Поранені: ").append(r.injured()).append(" (діти: ").append(r.injuredChildren()).append(").")
                .append(r.responders() == null ? "" : " Залучено рятувальників: " + r.responders() + ".").append("</p>");
        h.append("<h2>Уражені регіони</h2><ul>");
        r.regionsStruck().forEach(c -> h.append("<li>").append(esc(tree.require(c).nameUk())).append("</li>"));
        h.append("</ul>");
        h.append("<table><caption>Тривоги цієї ночі / Alerts of the night</caption><thead><tr>")
                .append("<th scope=\"col\">Регіони</th><th scope=\"col\">Загроза</th><th scope=\"col\">Від</th>")
                .append("<th scope=\"col\">До</th></tr></thead><tbody>");
        for (JsonNode a : withAlerts.get("alerts")) {
            StringBuilder names = new StringBuilder();
            for (JsonNode code : a.get("regions")) {
                names.append(names.isEmpty() ? "" : ", ").append(tree.find(code.asText())
                        .map(x -> x.nameUk()).orElse(code.asText()));
            }
            JsonNode cov = a.get("covered");
            h.append("<tr><td>").append(esc(names.toString())).append("</td><td>").append(esc(a.get("threat").asText()))
                    .append("</td><td>").append(KYIV.format(Instant.parse(cov.get("from").asText()))).append("</td><td>")
                    .append(cov.get("to").isNull() ? "триває" : KYIV.format(Instant.parse(cov.get("to").asText())))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></main></body></html>");
        return h.toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
