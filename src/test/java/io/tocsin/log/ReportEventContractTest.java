package io.tocsin.log;

import io.tocsin.domain.Alert;
import io.tocsin.domain.AttackReport;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.domain.WeaponClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report and shelter events on both engines: stored in their own forms (format 2, 4) beside alert rows that keep
 * format 1 (format 3 only for an alert that carries a time to shelter), read back equal, chained and verified.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class ReportEventContractTest extends StoreContract {

    @Test
    void aReportRoundTripsInItsOwnStoredFormAndAlertRowsKeepForm1() throws Exception {
        Alert a = new Alert("a1", List.of("UA-30"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT, Status.ACTUAL,
                Texts.EMPTY, "op", T0, T0, null, null, null);
        AttackReport r = new AttackReport("r1", T0, T0.plusSeconds(3600),
                Map.of(WeaponClass.ATTACK_DRONES_AND_DECOYS, new AttackReport.Counts(800, null),
                        WeaponClass.BALLISTIC_MISSILES, new AttackReport.Counts(4, 2)),
                List.of("UA-30", "UA-12"), 5, 1, 44, 0, 90, "https://example.org/r", "Київ, ніч", "op", T0, T0);
        log.append(new Event(EventType.ISSUED, T0, "op", a));
        LoggedEvent stored = log.append(Event.report(EventType.REPORT_RECORDED, T0, "op", r));

        LoggedEvent read = log.after(1, 10).get(0);
        assertThat(read.event().report()).isEqualTo(r);
        assertThat(read.event().alert()).isNull();
        assertThat(read.hash()).isEqualTo(stored.hash());
        assertThat(log.forAlert("r1")).hasSize(1);
        assertThat(log.verify().intact()).isTrue();
        try (var c = store.raw(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format FROM events ORDER BY seq")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void anAlertWithATimeToShelterIsStoredInForm3AndASettingInForm4() throws Exception {
        Alert a = new Alert("a2", List.of("UA-53"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT, Status.ACTUAL,
                Texts.EMPTY, "op", T0, T0, null, null, null, 90);
        log.append(Event.shelter(T0, "admin", new io.tocsin.domain.ShelterSetting("UA-53", 90)));
        log.append(new Event(EventType.ISSUED, T0, "op", a));
        List<LoggedEvent> read = log.after(0, 10);
        assertThat(read.get(0).event().shelter()).isEqualTo(new io.tocsin.domain.ShelterSetting("UA-53", 90));
        assertThat(read.get(1).event().alert()).isEqualTo(a);
        assertThat(log.verify().intact()).isTrue();
        try (var c = store.raw(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format FROM events ORDER BY seq")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }
}
