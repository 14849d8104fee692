package io.tocsin.demo;

import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.Role;
import io.tocsin.support.Regions;
import io.tocsin.support.RepoFiles;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DayReplayTest {

    @Test
    void theTenthOfOctober2022ResolvesEveryRowToARegion() throws Exception {
        AlertHistory history = new AlertHistory(Regions.catalog().tree());
        List<HistoryRecord> day = history.day(LocalDate.parse("2022-10-10"));
        long rowsInFile = rowsTouching("2022-10-10");
        assertThat(day).hasSize((int) rowsInFile);
        assertThat(day).extracting(HistoryRecord::regionCode).contains("UA-30", "UA-46", "UA-63");
        // A hromada-level row of that day: Nikopol, Dnipropetrovsk oblast.
        assertThat(day).anySatisfy(r -> assertThat(Regions.catalog().tree().require(r.regionCode()).kind())
                .isEqualTo(RegionKind.HROMADA));
    }

    @Test
    void everyHistoricRaionAndHromadaNameResolvesBelowTheOblast() throws Exception {
        AlertHistory history = new AlertHistory(Regions.catalog().tree());
        long unresolved = 0;
        long total = 0;
        try (BufferedReader in = reader()) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length < 6 || f[1].isEmpty() || f[0].endsWith("район")) {
                    continue; // one source row has its oblast and raion columns swapped
                }
                total++;
                String code = history.resolve(f[0], f[1], f[2]).orElse(null);
                RegionKind want = f[2].isEmpty() ? RegionKind.RAION : RegionKind.HROMADA;
                if (code == null || Regions.catalog().tree().require(code).kind() != want) {
                    unresolved++;
                }
            }
        }
        assertThat(total).isGreaterThan(4000);
        assertThat(unresolved).as("rows not resolved to their level, of " + total).isZero();
    }

    @Test
    void aReplayedDayFlowsThroughTheLogAndEndsEveryAlertItStarted() throws Exception {
        try (RunningServer s = RunningServer.start()) {
            List<HistoryRecord> day = new AlertHistory(Regions.catalog().tree()).day(LocalDate.parse("2022-10-10"));
            Actor replayer = new Actor("demo", "demo", Role.ADMIN, List.of());
            new DayReplay(s.server.desk(), replayer, day,
                    LocalDate.parse("2022-10-10").atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), 1e9).run();
            List<Alert> active = s.server.desk().board().active();
            long endingAfterTheDay = day.stream().filter(r -> r.finishedAt().isAfter(
                    LocalDate.parse("2022-10-11").atStartOfDay(java.time.ZoneOffset.UTC).toInstant())).count();
            // One replaying actor alerts the whole country in pieces that day: the split is detected (reviews
            // logged beside the alerts, see SplitDetector), nothing is held or lost.
            long reviews = s.server.desk().log().after(0, 1_000_000).stream()
                    .filter(e -> e.event().type() == io.tocsin.domain.EventType.REVIEW_REQUESTED).count();
            assertThat(reviews).isPositive();
            assertThat(s.server.desk().board().lastSeq()).isEqualTo(2L * day.size() + reviews);
            assertThat(active).isEmpty();
            assertThat(endingAfterTheDay).isGreaterThanOrEqualTo(0);
            assertThat(s.server.desk().log().verify().intact()).isTrue();
        }
    }

    private static long rowsTouching(String day) throws Exception {
        String next = LocalDate.parse(day).plusDays(1).toString();
        long n = 0;
        try (BufferedReader in = reader()) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length >= 6 && !f[4].isEmpty() && !f[5].isEmpty()
                        && f[4].compareTo(next) < 0 && f[5].compareTo(day) >= 0 && !f[5].startsWith(day + " 00:00:00")) {
                    n++;
                }
            }
        }
        return n;
    }

    private static BufferedReader reader() throws Exception {
        Path file = RepoFiles.productData("alerts/vadimkin_official_data_uk.csv.gz");
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8));
    }
}
