package io.tocsin.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.cli.Main;
import io.tocsin.domain.Actor;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Role;
import io.tocsin.json.Json;
import io.tocsin.support.Regions;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo shows life at once: it starts at a busy moment of its day, or at the Kyiv time --from names. */
class DemoStartTest {
    private static final LocalDate DAY = LocalDate.parse("2022-10-10");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDemoFromItsDefaultStartHasActiveAlertsOnTheBoardWithinTenSeconds() {
        try (Demo demo = Demo.start(new Demo.Options(DAY, null, 60, 0, true, null), Regions.catalog())) {
            long started = System.nanoTime();
            // Midnight of that day had one alert running and the next began hours of history later: the first
            // screen was nearly empty for minutes. A busy moment shows a good part of the day's alerts at once.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> activeCount(demo.server().url()) >= 10);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            // 10 October 2022: the missile strikes came just after 7 in the morning, Kyiv time.
            assertThat(demo.from()).isBetween(ReplayStart.at(DAY, LocalTime.of(6, 0)), ReplayStart.at(DAY, LocalTime.of(9, 0)));
        }
    }

    @Test
    void aBusyMomentIsTheFirstWithAtLeastHalfThePeakRunning() {
        Instant t0 = Instant.parse("2022-10-10T00:00:00Z");
        List<HistoryRecord> records = List.of(
                new HistoryRecord("UA-01", t0.minusSeconds(600), t0.plusSeconds(60)),   // over long before the wave
                new HistoryRecord("UA-05", t0.plusSeconds(3600), t0.plusSeconds(9000)),
                new HistoryRecord("UA-07", t0.plusSeconds(4000), t0.plusSeconds(9000)),
                new HistoryRecord("UA-12", t0.plusSeconds(4500), t0.plusSeconds(9000)),
                new HistoryRecord("UA-14", t0.plusSeconds(5000), t0.plusSeconds(9000)));
        // Peak: 4 running from 5000 s; half of it (2) first at 4000 s.
        assertThat(ReplayStart.busiest(records, t0)).isEqualTo(t0.plusSeconds(4000));
        assertThat(ReplayStart.busiest(List.of(), t0)).isEqualTo(t0);
    }

    @Test
    void fromChoosesTheMomentAndTheAlertsRunningThenAreIssuedFirst() {
        List<HistoryRecord> day = new AlertHistory(Regions.catalog().tree()).day(DAY, ReplayStart.KYIV);
        Instant from = ReplayStart.at(DAY, LocalTime.of(8, 30));
        assertThat(from).isEqualTo(Instant.parse("2022-10-10T05:30:00Z")); // Kyiv was on summer time, UTC+3
        List<String> runningThen = new ArrayList<>();
        long replayed = 0;
        for (HistoryRecord r : day) {
            if (r.startedAt().isBefore(from) && r.finishedAt().isAfter(from)) {
                runningThen.add(r.regionCode());
            }
            if (r.finishedAt().isAfter(from)) {
                replayed++;
            }
        }
        assertThat(runningThen).hasSizeGreaterThanOrEqualTo(10);
        assertThat(replayed).isLessThan(day.size()); // some alerts of the night were over by 08:30 and are left out

        try (RunningServer s = RunningServer.start()) {
            Actor replayer = new Actor("demo", "demo", Role.ADMIN, List.of());
            new DayReplay(s.server.desk(), replayer, day, from, 1e9).run();
            // Issues and ends only: the two-person rule's reviews (one replayer covering much of the country) interleave.
            List<LoggedEvent> log = s.server.desk().log().after(0, 10_000).stream()
                    .filter(e -> e.event().type() == EventType.ISSUED || e.event().type() == EventType.ENDED).toList();
            assertThat(log).hasSize((int) (2 * replayed));
            List<String> first = log.subList(0, runningThen.size()).stream()
                    .peek(e -> assertThat(e.event().type()).isEqualTo(EventType.ISSUED))
                    .map(e -> e.event().alert().regions().get(0)).toList();
            assertThat(first).containsExactlyInAnyOrderElementsOf(runningThen);
            assertThat(s.server.desk().board().active()).isEmpty();
        }
    }

    @Test
    void theDemoStartsAtTheKyivTimeFromNames() {
        try (Demo demo = Demo.start(new Demo.Options(DAY, LocalTime.of(8, 30), 60, 0, true, null), Regions.catalog())) {
            assertThat(demo.from()).isEqualTo(Instant.parse("2022-10-10T05:30:00Z"));
            assertThat(demo.banner()).contains("from 08:30");
            await().atMost(Duration.ofSeconds(10)).until(() -> activeCount(demo.server().url()) >= 10);
        }
    }

    @Test
    void aBadFromIsAUsageErrorThatNamesTheFormat() {
        for (String bad : List.of("25:00", "7:30", "noon", "07:60")) {
            StringWriter err = new StringWriter();
            picocli.CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));

            int exit = cli.execute("demo", "--port", "0", "--from", bad);

            assertThat(exit).as(bad).isEqualTo(2);
            assertThat(err.toString()).as(bad).contains("--from").contains("'" + bad + "'").contains("HH:MM")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void theDemoPrintsItsDatabaseAndATokenCommandThatWorksOnIt() throws Exception {
        try (Demo demo = Demo.start(new Demo.Options(DAY, null, 60, 0, true, null), Regions.catalog())) {
            String banner = demo.banner();
            Matcher db = Pattern.compile("database: +sqlite:(\\S+)").matcher(banner);
            assertThat(db.find()).as(banner).isTrue();
            Path file = Path.of(db.group(1));
            assertThat(file).isAbsolute();
            assertThat(Files.exists(file)).isTrue();

            Matcher cmd = Pattern.compile("\\./tocsin (token create .*)").matcher(banner);
            assertThat(cmd.find()).as(banner).isTrue();
            assertThat(cmd.group(1)).contains("--db sqlite:" + file);
            String bearer = runCapturingStdout(words(cmd.group(1))).strip();

            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(demo.server().url() + "/api/v1/alerts"))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"subtype\":\"drones\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        }
    }

    private int activeCount(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts/active")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        return body.get("count").asInt();
    }

    /** Splits a shell command line into words, honouring double quotes (enough for the printed command). */
    private static String[] words(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out.toArray(String[]::new);
    }

    private static String runCapturingStdout(String[] args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream before = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(before);
        }
        return captured.toString();
    }
}
