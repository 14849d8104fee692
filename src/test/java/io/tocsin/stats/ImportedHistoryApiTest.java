package io.tocsin.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.db.Database;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionTree;
import io.tocsin.history.HistoryImport;
import io.tocsin.history.HistorySource;
import io.tocsin.history.ImportResult;
import io.tocsin.history.RawHistory;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import io.tocsin.support.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official history imported into a running server's log (as the CLI does, through another connection): it
 * never reaches an open stream, never becomes active, and the statistics equal an independent computation from
 * the raw CSV for regions at every level and for windows that include DST change days.
 */
class ImportedHistoryApiTest {
    static final RegionTree TREE = Regions.catalog().tree();
    static final List<String[]> RAW = RawHistory.rows("official");
    static Path dir;
    static RunningServer s;
    static SseClient stream;
    static ImportResult imported;

    @BeforeAll
    static void importWhileASubscriberListens() throws Exception {
        dir = Files.createTempDirectory("tocsin-history");
        Path file = dir.resolve("t.db");
        s = RunningServer.onFile(file);
        stream = SseClient.open(s.http, s.uri("/api/v1/stream"), null);
        assertThat(stream.status).isEqualTo(200);
        try (Database d = Database.sqlite(file); JdbcEventLog log = new JdbcEventLog(d)) {
            imported = new HistoryImport(log, TREE, Clock.systemUTC()).run(HistorySource.OFFICIAL, n -> { });
        }
        // The server follows the log (every 250 ms): wait until it has folded the whole import.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (json(s.get("/api/v1/stats/regions/UA-30")).get("alerts").asInt() < kyivCityRows()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void close() {
        stream.close();
        s.close();
    }

    private static int kyivCityRows() {
        return (int) RAW.stream().filter(f -> f[0].equals("Kyiv City")).count();
    }

    @Test
    void importedAlertsNeverReachAnOpenStreamAndNeverBecomeActive() {
        assertThat(imported.added()).isEqualTo(43_031);
        HttpResponse<String> live = s.post("/api/v1/alerts", s.admin, "{\"regions\":[\"UA-07\"],\"threat\":\"air_raid\"}");
        assertThat(live.statusCode()).isEqualTo(201);
        String id = json(live).get("alert").get("id").asText();
        // The first event the subscriber gets is the live one, after 43,031 imported events in the log.
        SseClient.SseEvent first = stream.next(Duration.ofSeconds(20));
        assertThat(first.alertId()).isEqualTo(id);
        assertThat(first.id()).isEqualTo(43_032);
        assertThat(json(s.get("/api/v1/alerts/active")).get("alerts")).singleElement()
                .satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(id));
        // The public events page skips the imported ones: the first 100 rows of the log show nothing.
        JsonNode page = json(s.get("/api/v1/events?after=0&limit=100"));
        assertThat(page.get("events")).isEmpty();
        assertThat(page.get("more").asBoolean()).isTrue();
        s.post("/api/v1/alerts/" + id + "/end", s.admin, "{}");
    }

    @Test
    void kyivCityOverTheWholePeriodEqualsTheRawComputation() {
        check("UA-30", f -> f[0].equals("Kyiv City"), null, null);
    }

    @Test
    void aRaionOverTheWholePeriodCountsItsOblastsAlertsToo() {
        Region raion = child("UA-12", "Nikopolskyi raion");
        check(raion.code(), f -> f[0].equals("Dnipropetrovska oblast")
                && (f[3].equals("oblast") || f[3].equals("raion") && f[1].equals("Nikopolskyi raion")), null, null);
    }

    @Test
    void aHromadaInTheMonthOfTheSpringDstChangeEqualsTheRawComputation() {
        Region hromada = child(child("UA-63", "Kharkivskyi raion").code(), "Kharkivska terytorialna hromada");
        check(hromada.code(), chain("Kharkivska oblast", "Kharkivskyi raion", "m. Kharkiv ta Kharkivska terytorialna hromada"),
                "2023-03-01", "2023-04-01");
    }

    @Test
    void nikopolOnBothAutumnDstChangeDaysEqualsTheRawComputation() {
        Region hromada = child(child("UA-12", "Nikopolskyi raion").code(), "Nikopolska terytorialna hromada");
        Predicate<String[]> nikopol = chain("Dnipropetrovska oblast", "Nikopolskyi raion",
                "m. Nikopol ta Nikopolska terytorialna hromada");
        check(hromada.code(), nikopol, "2022-10-30", "2022-10-31");
        check(hromada.code(), nikopol, "2023-10-29", "2023-10-30");
        check(hromada.code(), nikopol, "2023-03-26", "2023-03-27");
    }

    @Test
    void theNationalRankingPutsEveryOblastInOrderOfItsRawTimeUnderAlert() {
        JsonNode ranking = json(s.get("/api/v1/stats/regions?level=oblast&to=2024-05-01"));
        assertThat(ranking.get("count").asInt()).isEqualTo(27);
        JsonNode top = ranking.get("regions").get(0);
        String name = TREE.require(top.get("region").asText()).code();
        long previous = Long.MAX_VALUE;
        for (JsonNode r : ranking.get("regions")) {
            assertThat(r.get("seconds_under_alert").asLong()).isLessThanOrEqualTo(previous);
            previous = r.get("seconds_under_alert").asLong();
        }
        JsonNode kyiv = null;
        for (JsonNode r : ranking.get("regions")) {
            if (r.get("region").asText().equals("UA-30")) {
                kyiv = r;
            }
        }
        IndependentStats raw = new IndependentStats(rows(f -> f[0].equals("Kyiv City")), StatsTimes.DEFAULT_FROM,
                StatsTimes.day("2024-05-01"));
        assertThat(kyiv.get("seconds_under_alert").asLong()).isEqualTo(raw.seconds);
        assertThat(kyiv.get("alerts").asInt()).isEqualTo(raw.alerts);
        assertThat(name).isNotBlank();
    }

    @Test
    void theCsvExportListsTheMergedIntervalsOfTheWindow() {
        HttpResponse<String> csv = s.get("/api/v1/history.csv?region=UA-30&from=2023-03-26&to=2023-03-27");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("region,from,to,seconds,from_kyiv,to_kyiv");
        IndependentStats raw = new IndependentStats(rows(f -> f[0].equals("Kyiv City")), StatsTimes.day("2023-03-26"),
                StatsTimes.day("2023-03-27"));
        long sum = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[3])).sum();
        assertThat(sum).isEqualTo(raw.seconds);
        JsonNode js = json(s.get("/api/v1/history.json?region=UA-30&from=2023-03-26&to=2023-03-27"));
        assertThat(js.get("intervals").size()).isEqualTo(lines.size() - 1);
    }

    private void check(String code, Predicate<String[]> rows, String from, String to) {
        String q = (from == null ? "" : "?from=" + from + "&to=" + to);
        JsonNode got = json(s.get("/api/v1/stats/regions/" + code + q));
        Instant f = from == null ? StatsTimes.DEFAULT_FROM : StatsTimes.day(from);
        Instant t = to == null ? Instant.now() : StatsTimes.day(to);
        IndependentStats want = new IndependentStats(rows(rows), f, t);
        assertThat(want.alerts).as("the window has alerts").isPositive();
        assertThat(got.get("alerts").asInt()).isEqualTo(want.alerts);
        assertThat(got.get("seconds_under_alert").asLong()).isEqualTo(want.seconds);
        assertThat(got.get("longest_seconds").asLong()).isEqualTo(want.longest);
        assertThat(got.get("median_seconds").asLong()).isEqualTo(want.median);
        assertThat(longs(got.get("by_hour"))).containsExactly(want.byHour);
        assertThat(longs(got.get("by_weekday"))).containsExactly(want.byWeekday);
        // The heat map adds up to the two one-way buckets, and the longest list starts with the longest interval.
        long[] hourSums = new long[24];
        long[] daySums = new long[7];
        for (int d = 0; d < 7; d++) {
            for (int hr = 0; hr < 24; hr++) {
                long v = got.get("by_weekday_hour").get(d).get(hr).asLong();
                hourSums[hr] += v;
                daySums[d] += v;
            }
        }
        assertThat(hourSums).containsExactly(want.byHour);
        assertThat(daySums).containsExactly(want.byWeekday);
        assertThat(got.get("longest").get(0).get("seconds").asLong()).isEqualTo(want.longest);
        Map<String, Long> months = new TreeMap<>();
        got.get("by_month").properties().forEach(e -> {
            if (e.getValue().asLong() != 0) {
                months.put(e.getKey(), e.getValue().asLong());
            }
        });
        Map<String, Long> wantMonths = new TreeMap<>(want.byMonth);
        wantMonths.values().removeIf(v -> v == 0);
        assertThat(months).isEqualTo(wantMonths);
    }

    private static Predicate<String[]> chain(String oblast, String raion, String hromada) {
        return f -> f[0].equals(oblast) && (f[3].equals("oblast") || f[3].equals("raion") && f[1].equals(raion)
                || f[3].equals("hromada") && f[1].equals(raion) && f[2].equals(hromada));
    }

    private static List<Instant[]> rows(Predicate<String[]> which) {
        List<Instant[]> out = new ArrayList<>();
        for (String[] f : RAW) {
            if (which.test(f)) {
                out.add(new Instant[]{StatsTimes.utc(f[4]), StatsTimes.utc(f[5])});
            }
        }
        return out;
    }

    private static Region child(String parent, String nameEn) {
        return TREE.children(parent).stream().filter(r -> r.nameEn().equals(nameEn)).findFirst().orElseThrow();
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    /** Times as the test reads them, apart from the product's parsing. */
    static final class StatsTimes {
        static final Instant DEFAULT_FROM = LocalDate.of(2022, 2, 24).atStartOfDay(IndependentStats.KYIV).toInstant();

        static Instant day(String d) {
            return LocalDate.parse(d).atStartOfDay(IndependentStats.KYIV).toInstant();
        }

        static Instant utc(String s) {
            return java.time.OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        }
    }
}
