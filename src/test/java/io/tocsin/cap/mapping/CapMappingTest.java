package io.tocsin.cap.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cap.CapValidator;
import io.tocsin.cap.CapVerdict;
import io.tocsin.cap.SecureXml;
import io.tocsin.cap.mapping.InboundMessage.Action;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.region.RegionCatalog;
import io.tocsin.support.Regions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping table both ways, for every threat, subtype, stage and status, without a server. */
class CapMappingTest {
    static final RegionCatalog CATALOG = Regions.catalog();
    static final CapExporter EXPORTER = new CapExporter("tocsin@test", CATALOG.tree(),
            new CapPolygons(CATALOG.locator()));
    static final CapReader READER = new CapReader(CATALOG.tree(), new CapAreaResolver(CATALOG.tree(), CATALOG.locator()));
    static final Instant AT = Instant.parse("2026-03-01T08:15:30.123Z");

    static Alert alert(Threat threat, Threat.Subtype subtype, Stage stage, Status status, List<String> regions) {
        return new Alert("a1", regions, threat, subtype, stage, status,
                new Texts("Заголовок", "Headline", "Інструкція", "Instruction"), "op", AT, AT,
                AT.plusSeconds(3600), null, null);
    }

    static InboundMessage roundTrip(List<LoggedEvent> history) {
        byte[] xml = EXPORTER.export(history, 0, "https://alerts.example.org").orElseThrow();
        CapVerdict verdict = CapValidator.strict().validate(xml);
        assertThat(verdict.issues()).isEmpty();
        try {
            return READER.read(SecureXml.parse(xml, SecureXml.MESSAGE_LIMIT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static LoggedEvent logged(long seq, EventType type, Alert a) {
        return new LoggedEvent(seq, new Event(type, a.updatedAt(), "op", a), "", "");
    }

    @Test
    void everyThreatStageAndStatusSurvivesExportAndImport() {
        List<String> seen = new ArrayList<>();
        for (Threat threat : Threat.values()) {
            List<Threat.Subtype> subtypes = threat == Threat.AIR_RAID
                    ? List.of(Threat.Subtype.DRONES, Threat.Subtype.CRUISE_MISSILE, Threat.Subtype.BALLISTIC_MISSILE,
                    Threat.Subtype.AVIATION, Threat.Subtype.UNSPECIFIED)
                    : List.of(Threat.Subtype.NONE);
            for (Threat.Subtype subtype : subtypes) {
                for (Stage stage : Stage.values()) {
                    for (Status status : Status.values()) {
                        Alert a = alert(threat, subtype, stage, status, List.of("UA-32"));
                        InboundMessage m = roundTrip(List.of(logged(7, EventType.ISSUED, a)));
                        assertThat(m.action()).isEqualTo(Action.ISSUE);
                        assertThat(m.status()).contains(status);
                        assertThat(m.identifier()).isEqualTo("urn:tocsin:a1:7");
                        assertThat(m.sent()).isEqualTo("2026-03-01T10:15:30+02:00");
                        InboundMessage.Content c = m.content().orElseThrow();
                        assertThat(c.threat()).isEqualTo(new CapTerms.ThreatKind(threat, subtype));
                        assertThat(c.stage()).isEqualTo(stage);
                        assertThat(c.texts()).isEqualTo(a.texts());
                        assertThat(c.regions()).containsExactly("UA-32");
                        assertThat(c.expires()).isEqualTo(Instant.parse("2026-03-01T09:15:30Z"));
                        seen.add(CapTerms.eventCode(threat, subtype));
                    }
                }
            }
        }
        assertThat(seen).hasSize(10 * Stage.values().length * Status.values().length);
    }

    @Test
    void endsBecomeAllClearUpdatesOrCancelsReferencingEveryEarlierVersion() {
        Alert a = alert(Threat.ARTILLERY, Threat.Subtype.NONE, Stage.ALERT, Status.ACTUAL, List.of("UA-63"));
        for (EndReason reason : EndReason.values()) {
            Alert ended = new Alert("a1", a.regions(), a.threat(), a.subtype(), a.stage(), a.status(), a.texts(), "op",
                    AT, AT.plusSeconds(60), a.expiresAt(), AT.plusSeconds(60), reason);
            InboundMessage m = roundTrip(List.of(logged(1, EventType.ISSUED, a), logged(2, EventType.UPDATED, a),
                    logged(3, EventType.ENDED, ended)));
            assertThat(m.action()).isEqualTo(Action.END);
            assertThat(m.endReason()).isEqualTo(reason);
            assertThat(m.references()).extracting(r -> r.identifier())
                    .containsExactly("urn:tocsin:a1:1", "urn:tocsin:a1:2");
            assertThat(m.references()).allMatch(r -> r.sender().equals("tocsin@test"));
        }
    }

    @Test
    void ourIdentifiersNameTheirAlert() {
        assertThat(CapIds.alertOf(CapIds.identifier("0190-abc", 42))).contains("0190-abc");
        assertThat(CapIds.alertOf("urn:tocsin:x:")).isEmpty();
        assertThat(CapIds.alertOf("urn:tocsin:x:1a")).isEmpty();
        assertThat(CapIds.alertOf("NWS-123")).isEmpty();
    }

    @Test
    void aDrillPrefixIsRemovedOnlyFromADrillsHeadline() {
        assertThat(CapTerms.stripDrillPrefix(Status.EXERCISE, "НАВЧАННЯ: Загроза")).isEqualTo("Загроза");
        assertThat(CapTerms.stripDrillPrefix(Status.EXERCISE, "exercise: Drones")).isEqualTo("Drones");
        assertThat(CapTerms.stripDrillPrefix(Status.EXERCISE, "EXERCISE")).isEmpty();
        assertThat(CapTerms.stripDrillPrefix(Status.TEST, "TEST: x")).isEqualTo("x");
        assertThat(CapTerms.stripDrillPrefix(Status.ACTUAL, "EXERCISE: x")).isEqualTo("EXERCISE: x");
        assertThat(CapTerms.stripDrillPrefix(Status.EXERCISE, "Exercises of the fleet")).isEqualTo("Exercises of the fleet");
    }

    @Test
    void everyOblastBoundaryFitsItsBudgetAsClosedRingsInsideUkraine() {
        CapPolygons polygons = new CapPolygons(CATALOG.locator());
        for (Region oblast : CATALOG.tree().ofKind(RegionKind.OBLAST)) {
            for (int budget : List.of(CapPolygons.MAX_POINTS_PER_REGION, CapPolygons.MIN_POINTS)) {
                List<String> rings = polygons.of(oblast.code(), budget);
                assertThat(rings).as(oblast.code()).isNotEmpty();
                assertThat(rings.stream().mapToInt(r -> r.split(" ").length).sum()).as(oblast.code())
                        .isLessThanOrEqualTo(budget);
                for (String ring : rings) {
                    String[] points = ring.split(" ");
                    assertThat(points.length).isGreaterThanOrEqualTo(4);
                    assertThat(points[0]).isEqualTo(points[points.length - 1]);
                    for (String p : points) {
                        String[] ll = p.split(",");
                        assertThat(Double.parseDouble(ll[0])).isBetween(44.0, 53.0);
                        assertThat(Double.parseDouble(ll[1])).isBetween(22.0, 41.0);
                    }
                }
            }
        }
        assertThat(CapPolygons.budget(1)).isEqualTo(500);
        assertThat(CapPolygons.budget(2000)).isZero();
    }

    @Test
    void theOblastsOwnPolygonResolvesBackToTheOblastAlone() {
        CapAreaResolver resolver = new CapAreaResolver(CATALOG.tree(), CATALOG.locator());
        CapPolygons polygons = new CapPolygons(CATALOG.locator());
        for (String code : List.of("UA-46", "UA-07", "UA-12", "UA-18")) {
            List<org.locationtech.jts.geom.Geometry> shapes = polygons.of(code, 500).stream()
                    .map(resolver::polygon).toList();
            assertThat(resolver.resolve(shapes)).as(code).containsExactly(code);
        }
    }
}
