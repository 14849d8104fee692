package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.cli.RegionsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code regions} command, run through picocli as the main command will run it. */
class RegionsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RegionsCommand(TestCatalog::get));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void findPrintsTheChainNearestFirstOneLinePerLevel() {
        int exit = run("find", "--lat", "49.84", "--lon", "24.03");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "hromada  UA46060250000025047 Львівська територіальна громада / Lvivska terytorialna hromada",
                "raion    UA46060000000042587 Львівський район / Lvivskyi raion",
                "oblast   UA-46               Львівська область / Lvivska oblast",
                "country  UA                  Україна / Ukraine");
    }

    @Test
    void findPrintsJsonForScripts() throws Exception {
        int exit = run("find", "--lat", "50.45", "--lon", "30.52", "--json");

        JsonNode chain = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).get("code").asText()).isEqualTo("UA-30");
        assertThat(chain.get(0).get("katotth").asText()).isEqualTo("UA80000000000093317");
        assertThat(chain.get(0).get("kind").asText()).isEqualTo("oblast");
        assertThat(chain.get(0).get("parent").asText()).isEqualTo("UA");
        assertThat(chain.get(0).at("/name/uk").asText()).isEqualTo("Київ");
        assertThat(chain.get(0).at("/name/en").asText()).isEqualTo("Kyiv");
        assertThat(chain.get(1).get("parent").isNull()).isTrue();
    }

    @Test
    void findOutsideUkraineSaysSoAndExitsWithOne() {
        int exit = run("find", "--lat", "52.23", "--lon", "21.01");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("No region of Ukraine holds 52.23, 21.01");
    }

    @Test
    void listOfOneKindPrintsEveryRegionOfThatKind() {
        int exit = run("list", "--kind", "oblast");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).hasSize(27)
                .contains("oblast   UA-63               Харківська область / Kharkivska oblast")
                .allMatch(line -> line.startsWith("oblast   "));
    }

    @Test
    void listUnderAParentPrintsItsChildren() {
        int exit = run("list", "--parent", "UA-71", "--kind", "RAION");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).hasSize(4)
                .contains("raion    UA71060000000030325 Уманський район / Umanskyi raion");
    }

    @Test
    void unknownKindIsAUsageError() {
        int exit = run("list", "--kind", "village");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("expected country, oblast, raion or hromada");
    }

    @Test
    void searchPrintsTheHromadaOfACityFoundByItsEnglishName() {
        int exit = run("search", "kryvyi", "rih");

        assertThat(exit).isZero();
        assertThat(out.toString().lines().findFirst().orElseThrow())
                .startsWith("hromada").contains("Криворізька територіальна громада").contains("city Кривий Ріг");
    }

    @Test
    void searchForNothingSaysSo() {
        assertThat(run("search", "zzqx")).isEqualTo(1);
        assertThat(err.toString()).contains("no region or settlement");
    }
}
