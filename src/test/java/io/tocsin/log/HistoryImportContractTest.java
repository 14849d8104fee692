package io.tocsin.log;

import io.tocsin.domain.EventLog;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import io.tocsin.history.HistoryImport;
import io.tocsin.history.HistorySource;
import io.tocsin.history.ImportResult;
import io.tocsin.history.RawHistory;
import io.tocsin.support.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official history imported on both engines: every row is placed or refused (the counts per level match a
 * count of the raw file made here), each placed row is one hash-chained {@code history.imported} event marked with
 * its source, and a second import adds nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class HistoryImportContractTest extends StoreContract {
    static final RegionTree TREE = Regions.catalog().tree();

    @Test
    void everyRowIsPlacedOrRefusedAndThePlacedOnesMatchTheRawCountPerLevel() {
        List<String[]> raw = RawHistory.rows("official");
        Map<String, Long> rawPerLevel = raw.stream().collect(Collectors.groupingBy(f -> f[3], Collectors.counting()));
        Set<String> distinct = raw.stream().map(f -> String.join(",", f[0], f[1], f[2], f[4], f[5]))
                .collect(Collectors.toSet());

        ImportResult r = new HistoryImport(log, TREE, Clock.systemUTC()).run(HistorySource.OFFICIAL, n -> { });

        assertThat(r.rows()).isEqualTo(raw.size()).isEqualTo(43_031);
        assertThat(r.placed() + r.refused().size()).isEqualTo(raw.size());
        assertThat(r.placed()).isEqualTo(distinct.size());
        assertThat(r.added()).isEqualTo(r.placed());
        assertThat(r.refused()).isEmpty();
        // The one row with oblast and raion swapped is placed, on the Hrebinka hromada of Poltava oblast, and said.
        assertThat(r.corrected()).singleElement().satisfies(c -> {
            assertThat(c.text()).startsWith("Lubenskyi raion,Poltavska oblast,Hrebinkivska");
            assertThat(TREE.require(c.code()).nameEn()).isEqualTo("Hrebinkivska terytorialna hromada");
            assertThat(TREE.oblastOf(c.code()).orElseThrow().code()).isEqualTo("UA-53");
        });

        Map<RegionKind, Long> loggedPerKind = new EnumMap<>(RegionKind.class);
        List<LoggedEvent> all = all(log);
        for (LoggedEvent e : all) {
            assertThat(e.event().type()).isEqualTo(EventType.HISTORY_IMPORTED);
            assertThat(e.event().alert().issuedBy()).isEqualTo("import:official");
            assertThat(e.event().alert().active()).isFalse();
            loggedPerKind.merge(TREE.require(e.event().alert().regions().get(0)).kind(), 1L, Long::sum);
        }
        assertThat(loggedPerKind.get(RegionKind.OBLAST)).isEqualTo(rawPerLevel.get("oblast")).isEqualTo(36_537);
        assertThat(loggedPerKind.get(RegionKind.RAION)).isEqualTo(rawPerLevel.get("raion")).isEqualTo(897);
        assertThat(loggedPerKind.get(RegionKind.HROMADA)).isEqualTo(rawPerLevel.get("hromada")).isEqualTo(5_597);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void aSecondImportAddsNothing() {
        HistoryImport importer = new HistoryImport(log, TREE, Clock.systemUTC());
        ImportResult first = importer.run(HistorySource.OFFICIAL, n -> { });
        long head = log.lastSeq();
        Set<String> ids = new HashSet<>(log.alertIdsOf(EventType.HISTORY_IMPORTED));

        ImportResult second = importer.run(HistorySource.OFFICIAL, n -> { });

        assertThat(second.added()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(first.placed());
        assertThat(log.lastSeq()).isEqualTo(head).isEqualTo(first.added());
        assertThat(log.alertIdsOf(EventType.HISTORY_IMPORTED)).isEqualTo(ids).hasSize(first.placed());
    }

    @Test
    void theVolunteerDatasetIsImportedAtOblastLevelWithItsSourceMarked() {
        List<String[]> raw = RawHistory.rows("volunteer");
        ImportResult r = new HistoryImport(log, TREE, Clock.systemUTC()).run(HistorySource.VOLUNTEER, n -> { });
        assertThat(r.rows()).isEqualTo(raw.size()).isEqualTo(54_514);
        assertThat(r.placed() + r.refused().size()).isEqualTo(raw.size());
        assertThat(log.after(0, 1).get(0).event().alert().issuedBy()).isEqualTo("import:volunteer");
    }

    private static List<LoggedEvent> all(EventLog log) {
        List<LoggedEvent> out = new ArrayList<>();
        for (List<LoggedEvent> page = log.after(0, 5000); !page.isEmpty();
             page = log.after(page.get(page.size() - 1).seq(), 5000)) {
            out.addAll(page);
        }
        return out;
    }
}
