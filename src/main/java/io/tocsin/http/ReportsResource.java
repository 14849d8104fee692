package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.AlertDesk;
import io.tocsin.domain.Actor;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.Coverage;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Exposure;
import io.tocsin.domain.ExposureSpans;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.domain.Status;
import io.tocsin.json.AlertJson;
import io.tocsin.json.Json;
import io.tocsin.json.ReportJson;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * Attack reports: POST /api/v1/reports and PATCH /api/v1/reports/{id} (operators and admins; durable before the
 * reply, like alerts), GET /api/v1/reports (list), /api/v1/reports/nightly (the series of nightly totals),
 * /api/v1/reports/{id} (with the alerts of its period) and the public page /reports/{id}. See docs/reports.md.
 */
final class ReportsResource {
    private final Vertx vertx;
    private final AlertDesk desk;
    private final RegionTree tree;
    private final Auth auth;

    ReportsResource(Vertx vertx, AlertDesk desk, RegionTree tree, Auth auth) {
        this.vertx = vertx;
        this.desk = desk;
        this.tree = tree;
        this.auth = auth;
    }

    void mount(Router r) {
        r.post("/api/v1/reports").handler(ctx -> write(ctx, null));
        r.get("/api/v1/reports").handler(this::list);
        r.get("/api/v1/reports/nightly").handler(this::nightly);
        r.get("/api/v1/reports/context").handler(this::context);
        r.get("/api/v1/reports/:id").handler(this::one);
        r.patch("/api/v1/reports/:id").handler(ctx -> write(ctx, ctx.pathParam("id")));
        r.get("/reports/:id").handler(this::page);
    }

    private void write(RoutingContext ctx, String correcting) {
        Auth.Credentials credentials = Auth.credentials(ctx);
        IdempotencyKeys.Request keyed = IdempotencyKeys.of(ctx);
        Blocking.run(vertx, ctx, () -> {
            Actor actor = auth.require(credentials, Role.ADMIN, Role.OPERATOR);
            String id = correcting != null ? correcting : desk.newReportId();
            AttackReport asked = ReportRequests.parse(id, ctx.body().buffer());
            return desk.report(actor, asked, correcting, keyed.forActor(actor));
        }, (LoggedEvent e) -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("seq", e.seq());
            body.put("type", e.event().type().wire());
            body.put("at", e.event().at().toString());
            body.set("report", ReportJson.write(e.event().report()));
            ctx.response().putHeader("Location", "/api/v1/reports/" + e.event().report().id());
            Replies.json(ctx, correcting == null ? 201 : 200, body);
        });
    }

    private void list(RoutingContext ctx) {
        Instant to = Queries.instant(ctx, "to", Instant.MAX);
        Instant from = Queries.instant(ctx, "from", Instant.MIN);
        ArrayNode out = Json.MAPPER.createArrayNode();
        desk.board().reports().all().stream().filter(r -> r.from().isBefore(to) && r.to().isAfter(from))
                .forEach(r -> out.add(ReportJson.write(r)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("count", out.size());
        body.set("reports", out);
        Replies.ok(ctx, body);
    }

    private void nightly(RoutingContext ctx) {
        Replies.ok(ctx, NightlySeries.of(desk.board().reports().all()));
    }

    /**
     * Daily destroyed drones and cruise missiles from the shipped General Staff series in [from, to] (Kyiv dates,
     * at most 400 days; default the last 30 days of the series).
     */
    private void context(RoutingContext ctx) {
        Blocking.run(vertx, ctx, () -> {
            io.tocsin.history.LossesSeries series = io.tocsin.history.LossesSeries.shipped();
            java.time.LocalDate to = date(ctx, "to", series.last());
            java.time.LocalDate from = date(ctx, "from", to.minusDays(29));
            if (from.isAfter(to) || java.time.temporal.ChronoUnit.DAYS.between(from, to) > 400) {
                throw new DomainException(Problem.INVALID_QUERY, "from must be on or before to, at most 400 days apart");
            }
            return contextJson(series.daily(from, to));
        }, body -> Replies.ok(ctx, body));
    }

    static ObjectNode contextJson(List<io.tocsin.history.LossesSeries.Day> days) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("source", "General Staff of the Armed Forces of Ukraine, via PetroIvaniuk/2022-Ukraine-Russia-War-Dataset (MIT)");
        body.put("note", "daily differences of cumulative destroyed counts; drones are the General Staff's UAV count, "
                + "not launches and not the Air Force's per-attack figures");
        ArrayNode out = body.putArray("days");
        for (io.tocsin.history.LossesSeries.Day d : days) {
            out.addObject().put("date", d.date().toString()).put("drones_destroyed", d.drones())
                    .put("cruise_missiles_destroyed", d.cruiseMissiles());
        }
        return body;
    }

    private static java.time.LocalDate date(RoutingContext ctx, String name, java.time.LocalDate dflt) {
        String v = Queries.one(ctx, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return java.time.LocalDate.parse(v.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new DomainException(Problem.INVALID_QUERY, name + " must be a date like 2025-09-07");
        }
    }

    private AttackReport find(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return desk.board().reports().find(id)
                .orElseThrow(() -> new DomainException(Problem.NOT_FOUND, "no report " + id));
    }

    private void one(RoutingContext ctx) {
        AttackReport r = find(ctx);
        Blocking.run(vertx, ctx, () -> withAlerts(r), body -> Replies.ok(ctx, body));
    }

    private void page(RoutingContext ctx) {
        AttackReport r = find(ctx);
        Blocking.run(vertx, ctx, () -> ReportPage.html(r, withAlerts(r), tree), html -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8").end(html));
    }

    /**
     * The report and the alerts of its period: every actual alert that covered some region during it (from the
     * region history projection), and per region struck its merged intervals under alert (exposure).
     */
    ObjectNode withAlerts(AttackReport r) {
        ObjectNode body = ReportJson.write(r);
        ArrayNode alerts = body.putArray("alerts");
        List<Coverage> spans = desk.board().history(tree.require("UA").code(), r.from(), r.to());
        for (Coverage c : spans) {
            if (c.alert().status() == Status.ACTUAL) {
                ObjectNode a = AlertJson.writePublic(c.alert());
                a.putObject("covered").put("from", c.from().toString()).put("to", c.open() ? null : c.to().toString());
                alerts.add(a);
            }
        }
        // The General Staff's figures dated the Kyiv day the period ends (they cover the 24 hours before that morning).
        java.time.LocalDate night = r.to().atZone(StatsWindow.KYIV).toLocalDate();
        body.set("context", contextJson(io.tocsin.history.LossesSeries.shipped().daily(night, night)));
        ArrayNode exposure = body.putArray("exposure");
        long lo = r.from().toEpochMilli();
        long hi = r.to().toEpochMilli();
        for (String code : r.regionsStruck()) {
            ExposureSpans s = desk.board().exposure().of(code, Exposure.ALL);
            ObjectNode e = exposure.addObject();
            e.put("region", code);
            e.put("name_uk", tree.require(code).nameUk());
            e.put("name_en", tree.require(code).nameEn());
            ArrayNode intervals = e.putArray("intervals");
            for (int i = s.firstEndingAfter(lo); i < s.intervals() && s.from(i) < hi; i++) {
                intervals.addObject().put("from", Instant.ofEpochMilli(Math.max(lo, s.from(i))).toString())
                        .put("to", s.to(i) == ExposureSpans.OPEN ? null
                                : Instant.ofEpochMilli(Math.min(hi, s.to(i))).toString());
            }
        }
        return body;
    }
}
